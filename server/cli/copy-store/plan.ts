import type { PgSync } from '../../store/postgres/bridge'
import { Refusal, type SourceTable } from './source'

/**
 * How a column's value crosses from SQLite to PostgreSQL: as it is (text, integers, reals), 0/1 as
 * a boolean, a JSON array of ids as int[], a BLOB as bytea, JSON text as json (kept verbatim).
 */
export type Kind = 'plain' | 'bool' | 'intlist' | 'bytes' | 'json'

export interface ColumnPlan {
  name: string
  kind: Kind
  /** What SQLite's SELECT reads for it (the column, or the value the SQLite port reads in its place). */
  sqlite: string
}

export interface TablePlan {
  name: string
  columns: ColumnPlan[]
  /** SQLite's ORDER BY for the copy: insertion order (rowid), which PostgreSQL's identity `ord` columns keep. */
  sqliteOrder: string
  /** An integer column both sides are read by, in ranges, when verifying; none: the table is read whole. */
  pageKey?: string
  /** The order both sides are hashed in when it is part of the content (the basemap lists in insertion order). */
  ordered?: { sqlite: string; pg: string }
}

/**
 * Where SQLite's port reads something other than the stored value: a hazard written before SQLite's
 * migration 9 has no times and reads as that migration filled them (sqlite/hazards.ts), while
 * PostgreSQL's columns are NOT NULL. The copy writes what SQLite's port reads.
 */
const FOUND = "discovered_at || 'T09:00:00+08:00'"
const readAs: Record<string, Record<string, string>> = {
  hazards: {
    found_at: `coalesce(found_at, ${FOUND})`,
    reported_at: `coalesce(reported_at, found_at, ${FOUND})`,
    received_at: `coalesce(received_at, reported_at, found_at, ${FOUND})`,
  },
}

interface PgColumn {
  table: string
  column: string
  type: string
  notnull: boolean
  hasdef: boolean
  generated: string
  identity: string
}

const kindOf = (type: string): Kind =>
  type === 'bool' ? 'bool' : type === '_int4' || type === '_int8' ? 'intlist' : type === 'bytea' ? 'bytes' : type === 'json' || type === 'jsonb' ? 'json' : 'plain'

/**
 * Matches every source table to PostgreSQL's (after migratePg): each SQLite column must have a
 * PostgreSQL column it can be written to (not generated), and each PostgreSQL column SQLite lacks
 * must fill itself (nullable, a default, generated, an identity). Anything else is a schema this
 * copy was not written for: refused before a row is written. The plans come in an order that puts
 * every table after those its foreign keys name.
 */
export function planTables(db: PgSync, tables: SourceTable[]): TablePlan[] {
  const rows = db.query<PgColumn>(
    `SELECT c.relname AS table, a.attname AS column, t.typname AS type, a.attnotnull AS notnull, a.atthasdef AS hasdef,
            a.attgenerated AS generated, a.attidentity AS identity
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  )
  const pgTables = new Map<string, PgColumn[]>()
  for (const r of rows) pgTables.set(r.table, [...(pgTables.get(r.table) ?? []), r])
  const plans = tables.map((t): TablePlan => {
    const pg = pgTables.get(t.name)
    if (!pg) throw new Refusal(`the PostgreSQL schema has no table ${t.name}, which the SQLite store has`)
    const byName = new Map(pg.map((c) => [c.column, c]))
    const columns = t.columns.map((name): ColumnPlan => {
      const c = byName.get(name)
      if (!c || c.generated !== '' || c.identity === 'a') throw new Refusal(`the PostgreSQL table ${t.name} has no column ${name} to copy SQLite's into`)
      return { name, kind: kindOf(c.type), sqlite: readAs[t.name]?.[name] ?? `"${name}"` }
    })
    const unfilled = pg.filter((c) => !t.columns.includes(c.column) && c.notnull && !c.hasdef && c.generated === '' && c.identity === '')
    if (unfilled.length) throw new Refusal(`the PostgreSQL table ${t.name} needs ${unfilled.map((c) => c.column).join(', ')}, which SQLite does not have`)
    const intKey = ['id', 'hazard_id'].find((k) => t.columns.includes(k) && byName.get(k)!.type.startsWith('int'))
    const ord = pg.find((c) => c.column === 'ord' && c.identity === 'a')
    return {
      name: t.name,
      columns,
      sqliteOrder: t.withoutRowid ? '' : 'ORDER BY rowid',
      pageKey: intKey,
      ordered: ord && !t.withoutRowid ? { sqlite: 'rowid', pg: 'ord' } : undefined,
    }
  })
  return inKeyOrder(db, plans)
}

/** The plans with every table after the tables its foreign keys name (self-references aside: rows come in insertion order). */
function inKeyOrder(db: PgSync, plans: TablePlan[]): TablePlan[] {
  const names = plans.map((p) => p.name)
  const edges = db.query<{ child: string; parent: string }>(
    `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint
     WHERE contype = 'f' AND conrelid = ANY ($1::regclass[]) AND conrelid <> confrelid`,
    [names],
  )
  const ordered: TablePlan[] = []
  const placed = new Set<string>()
  const visit = (plan: TablePlan, path: string[]) => {
    if (placed.has(plan.name)) return
    if (path.includes(plan.name)) throw new Refusal(`foreign keys form a cycle: ${[...path, plan.name].join(' → ')}`)
    for (const e of edges) if (e.child === plan.name) {
      const parent = plans.find((p) => p.name === e.parent)
      if (parent) visit(parent, [...path, plan.name])
    }
    placed.add(plan.name)
    ordered.push(plan)
  }
  for (const p of plans) visit(p, [])
  return ordered
}
