import type { Store } from '../types'
import type { PgSync } from './bridge'
import { postStore, scorecardStore, supervisionStore, warningStore } from './duties'
import { areaStore, basemapStore, boundaryStore, siteStore } from './geography'
import { hazardStore } from './hazards'
import { auditStore, inspectionStore, personStore, sessionStore, userStore } from './people'
import { bulletinStore, campaignStore, idempotencyStore, ledgerFileStore, notificationStore, photoStore } from './records'

/** Every part of the port over one connection. */
export function partStores(db: PgSync): Omit<Store, 'meta' | 'transaction' | 'close'> {
  return {
    areas: areaStore(db),
    basemap: basemapStore(db),
    sites: siteStore(db),
    boundaries: boundaryStore(db),
    hazards: hazardStore(db),
    inspections: inspectionStore(db),
    persons: personStore(db),
    users: userStore(db),
    sessions: sessionStore(db),
    audit: auditStore(db),
    photos: photoStore(db),
    notifications: notificationStore(db),
    campaigns: campaignStore(db),
    bulletins: bulletinStore(db),
    ledgerFiles: ledgerFileStore(db),
    idempotency: idempotencyStore(db),
    posts: postStore(db),
    scorecards: scorecardStore(db),
    supervision: supervisionStore(db),
    warnings: warningStore(db),
  }
}
