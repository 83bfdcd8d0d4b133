import type { PostStore, ScorecardStore, SupervisionStore, WarningStore } from '../types'
import type { PgSync } from './bridge'
import { notYet } from './not-yet'

/** posts, scorecards, supervision and warnings; part of migration 1. */
export const dutiesSchema = ''

export function postStore(_db: PgSync): PostStore {
  return notYet('postStore')
}
export function scorecardStore(_db: PgSync): ScorecardStore {
  return notYet('scorecardStore')
}
export function supervisionStore(_db: PgSync): SupervisionStore {
  return notYet('supervisionStore')
}
export function warningStore(_db: PgSync): WarningStore {
  return notYet('warningStore')
}
