import type { BulkLoad } from '../bulk-load'
import type { PgSync } from './bridge'

export function pgBulkLoad(_db: PgSync): BulkLoad {
  return { bulkLoad: () => { throw new Error('not yet: PostgreSQL bulk load') } }
}
