import type Database from 'better-sqlite3'
import { copyField, type PgSync } from '../../store/postgres/bridge'
import { migratePg } from '../../store/postgres/migrations'
import { textGrams } from '../../store/postgres/text-search'
import { type PhotoSet, copyPhotos } from './photos'
import { type Kind, planTables, type TablePlan } from './plan'
import { DERIVED, Refusal, type Source } from './source'

/** Rows per COPY, and the most text one COPY carries through the bridge. */
const BATCH_ROWS = 5_000
const BATCH_CHARS = 16 << 20

/** A value of SQLite's in COPY's text format, as its PostgreSQL column takes it. */
function field(kind: Kind, v: unknown, where: () => string): string {
  if (v === null || v === undefined) return '\\N'
  switch (kind) {
    case 'bool':
      return v === 0 ? 'f' : 't'
    case 'intlist': {
      const ids: unknown = JSON.parse(String(v))
      if (!Array.isArray(ids) || !ids.every((n) => Number.isInteger(n))) throw new Error(`${where()}: ${String(v)} is not a list of ids`)
      return `{${ids.join(',')}}`
    }
    default:
      return copyField(v)
  }
}

/** Whether any table the copy would write already holds a row (a town is there). */
export function holdsData(db: PgSync, source: Source): string | undefined {
  for (const name of [...source.tables.map((t) => t.name), 'photo_files']) {
    if (!db.value<string | null>('SELECT to_regclass($1)::text', [name])) continue
    if (db.value<boolean>(`SELECT EXISTS (SELECT 1 FROM "${name}")`)) return name
  }
  return undefined
}

/** Copies one table through COPY, in insertion order, a batch at a time; the rows written. */
function copyTable(db: PgSync, sqlite: Database.Database, plan: TablePlan): number {
  const names = plan.columns.map((c) => `"${c.name}"`).join(', ')
  const sql = `COPY "${plan.name}" (${names}) FROM STDIN`
  const rows = sqlite.prepare(`SELECT ${plan.columns.map((c) => c.sqlite).join(', ')} FROM "${plan.name}" ${plan.sqliteOrder}`).raw().iterate() as IterableIterator<unknown[]>
  let lines: string[] = []
  let chars = 0
  let copied = 0
  const flush = () => {
    if (lines.length) copied += db.copyFrom(sql, lines.join(''))
    lines = []
    chars = 0
  }
  for (const row of rows) {
    const line = row.map((v, i) => field(plan.columns[i]!.kind, v, () => `${plan.name}.${plan.columns[i]!.name} (row ${copied + lines.length + 1})`)).join('\t') + '\n'
    lines.push(line)
    chars += line.length
    if (lines.length >= BATCH_ROWS || chars >= BATCH_CHARS) flush()
  }
  flush()
  return copied
}

/** The text search's index, made by PostgreSQL's adapter's own code from the copied hazards. */
function indexText(db: PgSync, sqlite: Database.Database): void {
  let lines: string[] = []
  for (const h of sqlite.prepare('SELECT id, code, title, description FROM hazards ORDER BY id').iterate() as IterableIterator<{ id: number; code: string; title: string; description: string }>) {
    lines.push(`${h.id}\t${textGrams(h.code, h.title, h.description)}\n`)
    if (lines.length >= BATCH_ROWS) {
      db.copyFrom('COPY hazard_text (id, grams) FROM STDIN', lines.join(''))
      lines = []
    }
  }
  if (lines.length) db.copyFrom('COPY hazard_text (id, grams) FROM STDIN', lines.join(''))
}

/** Every identity sequence of the copied tables set past the largest value copied: the next insert gets a fresh id. */
function followSequences(db: PgSync, tables: string[]): void {
  const identities = db.query<{ tbl: string; col: string }>(
    `SELECT c.relname AS tbl, a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND a.attidentity <> '' AND c.relname = ANY ($1::text[])`,
    [tables],
  )
  for (const { tbl, col } of identities)
    db.run(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max("${col}") FROM "${tbl}"), 0) + 1, false)`, [`"${tbl}"`, col])
}

/**
 * Empties what the copy replaces (--force): every table it writes, in one TRUNCATE (CASCADE: rows
 * of later tables that point at the old town go with it), identities restarted. The audit log
 * refuses TRUNCATE by trigger; its owner sets that aside for this statement only, inside the
 * copy's transaction, so the log is replaced whole or not at all.
 */
function emptyTarget(db: PgSync, tables: string[]): void {
  db.exec('ALTER TABLE audit DISABLE TRIGGER USER')
  db.exec(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`)
  db.exec('ALTER TABLE audit ENABLE TRIGGER USER')
}

export interface CopyReport {
  plans: TablePlan[]
  rows: Map<string, number>
}

/**
 * The copy, one PostgreSQL transaction: the schema migrated (migratePg), with --force the old town
 * emptied, every table's rows through COPY with their ids, the audit log in id order (its chain
 * trigger checks each row against the one before), the text index, the photos, the sequences.
 * Any failure rolls all of it back, the migration included.
 */
export function copyStore(db: PgSync, source: Source, photos: PhotoSet, force: boolean): CopyReport {
  return db.transaction(() => {
    migratePg(db)
    if (!db.value<string | null>("SELECT to_regclass('photo_files')::text")) throw new Refusal('the PostgreSQL schema has no photo_files table for the photos')
    const plans = planTables(db, source.tables)
    const written = [...plans.map((p) => p.name), ...DERIVED, 'photo_files']
    if (force) emptyTarget(db, written)
    const rows = new Map<string, number>()
    for (const plan of plans) rows.set(plan.name, copyTable(db, source.db, plan))
    indexText(db, source.db)
    copyPhotos(db, photos)
    followSequences(db, written)
    return { plans, rows }
  })
}
