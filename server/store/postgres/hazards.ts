import type { HazardStore } from '../types'
import type { PgSync } from './bridge'
import { notYet } from './not-yet'

/** The ledger's tables (hazards, hazard_events …) in PostgreSQL; part of migration 1 (migrations.ts). */
export const hazardSchema = ''

export function hazardStore(_db: PgSync): HazardStore {
  return notYet('hazardStore')
}
