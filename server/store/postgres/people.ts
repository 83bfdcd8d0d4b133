import { auditSchema } from './audit'
import { accountsSchema } from './people-schema'

export { auditStore } from './audit'
export { personStore, sessionStore, userStore } from './people-accounts'
export { inspectionStore } from './people-inspections'

/** inspections, persons, users, sessions and the audit log; part of migration 1. */
export const peopleSchema = [accountsSchema, auditSchema].join('\n')
