import type { AuditStore, InspectionStore, PersonStore, SessionStore, UserStore } from '../types'
import type { PgSync } from './bridge'
import { notYet } from './not-yet'

/** inspections, persons, users, sessions and the audit log; part of migration 1. */
export const peopleSchema = ''

export function inspectionStore(_db: PgSync): InspectionStore {
  return notYet('inspectionStore')
}
export function personStore(_db: PgSync): PersonStore {
  return notYet('personStore')
}
export function userStore(_db: PgSync): UserStore {
  return notYet('userStore')
}
export function sessionStore(_db: PgSync): SessionStore {
  return notYet('sessionStore')
}
export function auditStore(_db: PgSync): AuditStore {
  return notYet('auditStore')
}
