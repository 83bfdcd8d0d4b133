import { copyField, type PgSync } from './bridge'

/** About how much COPY text goes in one message: a province's shapes are hundreds of megabytes, and one string each way would hold them all at once. */
const COPY_BATCH_CHARS = 16 << 20

/**
 * Writes rows into `table` with COPY (one round trip per 16 MB of text, and PostgreSQL's fastest
 * path in): each row gives the values of `columns` in order, null for NULL. Errors are an
 * INSERT's (a duplicate key, a missing parent: PgError with its SQLSTATE); inside a transaction
 * nothing is written then. Returns the rows written.
 */
export function copyRows(db: PgSync, table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): number {
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`
  let written = 0
  let batch: string[] = []
  let chars = 0
  for (const r of rows) {
    const line = r.map(copyField).join('\t') + '\n'
    batch.push(line)
    chars += line.length
    if (chars >= COPY_BATCH_CHARS) {
      written += db.copyFrom(sql, batch.join(''))
      batch = []
      chars = 0
    }
  }
  if (batch.length > 0) written += db.copyFrom(sql, batch.join(''))
  return written
}

const unescapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }

/** A field of COPY's text format as its text, or null for \N (the octal and hex escapes are never written by COPY TO for text). */
function field(raw: string): string | null {
  if (raw === '\\N') return null
  return raw.includes('\\') ? raw.replace(/\\(.)/g, (_m, c: string) => unescapes[c] ?? c) : raw
}

/**
 * The rows of a query read with one `COPY (query) TO STDOUT`, each as its fields' texts: several
 * times faster than a query's rows when there are hundreds of thousands of them (no per-row
 * objects in the driver, one message through the bridge).
 */
export function copyOut(db: PgSync, query: string): Array<Array<string | null>> {
  const text = db.copyTo(`COPY (${query}) TO STDOUT`)
  if (text === '') return []
  return text.slice(0, -1).split('\n').map((line) => line.split('\t').map(field))
}
