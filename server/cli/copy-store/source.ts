import { existsSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { verifyAuditChain } from '../../store/sqlite/audit'
import { migrations } from '../../store/sqlite/migrations'

/** A reason the copy cannot start (bad arguments, an unreadable or unfit source or target): exit 2, nothing written. */
export class Refusal extends Error {
  override name = 'Refusal'
}

/**
 * The SQLite tables the copy does not move row for row: the text search's index is made again by
 * PostgreSQL's own code (postgres/text-search.ts), from the hazards it indexes.
 */
export const DERIVED = new Set(['hazard_text'])

/** One table of the source: its columns in order, and whether its rows have a rowid (their insertion order). */
export interface SourceTable {
  name: string
  columns: string[]
  withoutRowid: boolean
}

export interface Source {
  db: Database.Database
  path: string
  /** The tables to copy, in the order the migrations made them. */
  tables: SourceTable[]
  /** The audit chain's head (verifyAuditChain), read before anything is copied. */
  audit: { rows: number; head: string }
  end(): void
}

/**
 * Opens the SQLite file read-only, inside one read transaction: everything the copy and the
 * verification read of it is one snapshot, even while a server still writes (in WAL mode). Refuses
 * a file that is not a SQLite store at this code's latest migration (an older one: start the server
 * on it once, or `npm run migrate`), a table this copy does not know, or a broken audit chain
 * (copied, it would read as PostgreSQL's own fault; `npm run audit:verify` names the row).
 */
export function openSource(path: string): Source {
  if (!existsSync(path) || !statSync(path).isFile()) throw new Refusal(`--from: ${path} does not exist or is not a file`)
  let db: Database.Database
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    db.exec('BEGIN')
    const version = db.pragma('user_version', { simple: true }) as number
    if (version !== migrations.length) {
      throw new Refusal(
        version < migrations.length
          ? `--from: ${path} is at SQLite migration ${version}, this copy reads ${migrations.length}: start the server on it once (or DB_PATH=${path} npm run migrate) first`
          : `--from: ${path} is at SQLite migration ${version}, newer than this copy knows (${migrations.length})`,
      )
    }
  } catch (err) {
    if (err instanceof Refusal) throw err
    throw new Refusal(`--from: cannot read ${path} as a SQLite store: ${err instanceof Error ? err.message : String(err)}`)
  }
  const listed = db.prepare("SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' ORDER BY name").all() as Array<{ name: string; type: string; wr: number }>
  const created = new Map((db.prepare("SELECT name, rowid FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string; rowid: number }>).map((r) => [r.name, r.rowid]))
  const tables: SourceTable[] = []
  for (const t of listed) {
    if (t.name.startsWith('sqlite_') || t.type === 'shadow' || DERIVED.has(t.name)) continue
    if (t.type !== 'table') throw new Refusal(`--from: ${path} has a ${t.type} ${t.name} this copy does not know`)
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(t.name) as Array<{ name: string }>).map((c) => c.name)
    tables.push({ name: t.name, columns, withoutRowid: t.wr === 1 })
  }
  tables.sort((a, b) => (created.get(a.name) ?? 0) - (created.get(b.name) ?? 0))
  const verdict = verifyAuditChain(db)
  if (!verdict.ok) throw new Refusal(`--from: the audit log of ${path} is broken (${verdict.problem}); nothing copied. npm run audit:verify names it`)
  return {
    db,
    path,
    tables,
    audit: { rows: verdict.rows, head: verdict.head },
    end() {
      db.exec('COMMIT')
      db.close()
    },
  }
}
