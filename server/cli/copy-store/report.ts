import type { PhotoSet, PhotoVerdict } from './photos'
import type { TableVerdict } from './verify'

/** What the verification found, side by side. */
export interface Verification {
  tables: TableVerdict[]
  /** The text index PostgreSQL made: one row a hazard. */
  textIndex: { hazards: number; rows: number }
  audit: { sqlite: { rows: number; head: string }; pg: { ok: true; rows: number; head: string } | { ok: false; problem: string } }
  photos: PhotoVerdict
}

/** The first thing that does not agree, named; undefined when everything does. */
export function firstDifference(v: Verification): string | undefined {
  for (const t of v.tables) {
    if (t.sqliteRows !== t.pgRows) return `${t.table}: ${t.sqliteRows} rows in SQLite, ${t.pgRows} in PostgreSQL`
    if (t.sqliteHash !== t.pgHash) return `${t.table}: the same ${t.pgRows} rows' content differs (sha256 ${t.sqliteHash.slice(0, 12)}… against ${t.pgHash.slice(0, 12)}…)`
  }
  if (v.textIndex.rows !== v.textIndex.hazards) return `hazard_text: ${v.textIndex.rows} rows for ${v.textIndex.hazards} hazards`
  if (!v.audit.pg.ok) return `audit chain on PostgreSQL: ${v.audit.pg.problem}`
  if (v.audit.pg.head !== v.audit.sqlite.head || v.audit.pg.rows !== v.audit.sqlite.rows)
    return `audit chain: SQLite's head is ${v.audit.sqlite.head} after ${v.audit.sqlite.rows} rows, PostgreSQL's ${v.audit.pg.head} after ${v.audit.pg.rows}`
  return v.photos.difference
}

/** The verification as a table for the operator: per table the rows on both sides and the content hash. */
export function printVerification(v: Verification, photos: PhotoSet): void {
  const width = Math.max(...v.tables.map((t) => t.table.length), 'hazard_text'.length)
  const row = (name: string, a: string, b: string, hash: string, verdict: string) =>
    `${name.padEnd(width)}  ${a.padStart(9)}  ${b.padStart(9)}  ${hash.padEnd(13)}  ${verdict}`
  console.log(row('table', 'sqlite', 'postgres', 'sha256', ''))
  for (const t of v.tables) {
    const same = t.sqliteRows === t.pgRows && t.sqliteHash === t.pgHash
    console.log(row(t.table, String(t.sqliteRows), String(t.pgRows), t.pgHash.slice(0, 12) + '…', same ? 'ok' : `DIFFERS (sqlite ${t.sqliteHash.slice(0, 12)}…)`))
  }
  const text = v.textIndex
  console.log(row('hazard_text', '(made)', String(text.rows), '', text.rows === text.hazards ? 'ok: one a hazard' : 'DIFFERS'))
  const a = v.audit
  console.log(
    a.pg.ok
      ? `audit chain: SQLite ${a.sqlite.rows} rows, head ${a.sqlite.head}; PostgreSQL ${a.pg.rows} rows, head ${a.pg.head}: ${a.pg.head === a.sqlite.head && a.pg.rows === a.sqlite.rows ? 'the same' : 'DIFFERENT'}`
      : `audit chain: PostgreSQL's is broken: ${a.pg.problem}`,
  )
  const p = v.photos
  console.log(`photos: ${p.files} files, ${p.stored} in photo_files, ${p.difference ? `DIFFER: ${p.difference}` : 'every sha256 the same'}`)
  if (photos.missing.length)
    console.log(`note: ${photos.missing.length} photo row(s) name a file missing from ${photos.dir} (copied as rows only): ${photos.missing.slice(0, 5).join(', ')}${photos.missing.length > 5 ? ', …' : ''}`)
  if (photos.unnamed) console.log(`note: ${photos.unnamed} file(s) in ${photos.dir} that no photo row names were left behind`)
}
