import { copyField, type PgSync } from './bridge'

/**
 * Writes rows into `table` with one COPY (one round trip however many rows, and PostgreSQL's
 * fastest path in): each row gives the values of `columns` in order, null for NULL. Errors are an
 * INSERT's (a duplicate key, a missing parent: PgError with its SQLSTATE), and nothing is written.
 */
export function copyRows(db: PgSync, table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): number {
  const text = rows.map((r) => r.map(copyField).join('\t')).join('\n') + '\n'
  return db.copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, text)
}
