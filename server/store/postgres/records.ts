import type { BulletinStore, CampaignStore, IdempotencyStore, LedgerFileStore, NotificationStore, PhotoStore } from '../types'
import type { PgSync } from './bridge'
import { notYet } from './not-yet'

/** photos, notifications, bulletins, campaigns, ledger files and idempotency keys; part of migration 1. */
export const recordsSchema = ''

export function photoStore(_db: PgSync): PhotoStore {
  return notYet('photoStore')
}
export function notificationStore(_db: PgSync): NotificationStore {
  return notYet('notificationStore')
}
export function bulletinStore(_db: PgSync): BulletinStore {
  return notYet('bulletinStore')
}
export function campaignStore(_db: PgSync): CampaignStore {
  return notYet('campaignStore')
}
export function ledgerFileStore(_db: PgSync): LedgerFileStore {
  return notYet('ledgerFileStore')
}
export function idempotencyStore(_db: PgSync): IdempotencyStore {
  return notYet('idempotencyStore')
}
