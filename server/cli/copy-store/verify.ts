import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { PgSync } from '../../store/postgres/bridge'
import type { Kind, TablePlan } from './plan'

/** Ids per range both sides are read in. */
const RANGE = 10_000

/**
 * A value as both sides compare it: 0/1 and PostgreSQL's booleans as booleans, a JSON list of ids
 * and int[] as arrays, BLOB and bytea as hex, JSON text parsed and written again (whitespace aside;
 * key order is content), everything else as read (text, and numbers: int8 reads as a number).
 */
function normal(kind: Kind, v: unknown): unknown {
  if (v === null || v === undefined) return null
  switch (kind) {
    case 'bool':
      return typeof v === 'boolean' ? v : v !== 0
    case 'intlist':
      return typeof v === 'string' ? JSON.parse(v) : v
    case 'bytes':
      return Buffer.from(v as Uint8Array).toString('hex')
    case 'json':
      return JSON.stringify(JSON.parse(String(v)))
    default:
      return v
  }
}

export interface TableVerdict {
  table: string
  sqliteRows: number
  pgRows: number
  sqliteHash: string
  pgHash: string
}

/** Rows as lines to hash: each a JSON array of its normalised values; sorted unless their order is content. */
function linesOf(plan: TablePlan, rows: unknown[][], sorted: boolean): string[] {
  const lines = rows.map((r) => JSON.stringify(r.map((v, i) => normal(plan.columns[i]!.kind, v))))
  return sorted ? lines.sort() : lines
}

/**
 * A table's row count and content hash on both sides, computed the same way: sha256 over its rows
 * (the columns both have, values normalised), read in ranges of the integer key and sorted within
 * each, so neither side's collation or physical order matters; the whole table at once when it has
 * no integer key, in insertion order when that order is part of what the port returns.
 */
export function verifyTable(sqlite: Database.Database, db: PgSync, plan: TablePlan): TableVerdict {
  const cols = plan.columns
  const pgList = cols.map((c) => (c.kind === 'json' ? `"${c.name}"::text AS "${c.name}"` : `"${c.name}"`)).join(', ')
  const sqliteList = cols.map((c) => c.sqlite).join(', ')
  const pgRows = (sql: string, values?: unknown[]) => db.query<Record<string, unknown>>(sql, values).map((r) => cols.map((c) => r[c.name]))
  const sqliteRows = (sql: string, ...values: unknown[]) => sqlite.prepare(sql).raw().all(...values) as unknown[][]
  const sides = { sqlite: createHash('sha256'), pg: createHash('sha256'), sqliteRows: 0, pgRows: 0 }
  const add = (a: unknown[][], b: unknown[][], sorted: boolean) => {
    sides.sqliteRows += a.length
    sides.pgRows += b.length
    for (const line of linesOf(plan, a, sorted)) sides.sqlite.update(line + '\n')
    for (const line of linesOf(plan, b, sorted)) sides.pg.update(line + '\n')
  }
  const key = plan.pageKey
  if (key) {
    const num = (v: unknown) => (v === null || v === undefined ? [] : [Number(v)])
    const ends = (fn: 'min' | 'max') => [
      ...num(sqlite.prepare(`SELECT ${fn}("${key}") FROM "${plan.name}"`).pluck().get()),
      ...num(db.value(`SELECT ${fn}("${key}") FROM "${plan.name}"`)),
    ]
    const lows = ends('min')
    if (lows.length) {
      const high = Math.max(...ends('max'))
      for (let lo = Math.min(...lows); lo <= high; lo += RANGE) {
        const where = `WHERE "${key}" >= ${lo} AND "${key}" < ${lo + RANGE}`
        add(sqliteRows(`SELECT ${sqliteList} FROM "${plan.name}" ${where}`), pgRows(`SELECT ${pgList} FROM "${plan.name}" ${where}`), true)
      }
    }
  } else if (plan.ordered) {
    add(sqliteRows(`SELECT ${sqliteList} FROM "${plan.name}" ORDER BY ${plan.ordered.sqlite}`), pgRows(`SELECT ${pgList} FROM "${plan.name}" ORDER BY ${plan.ordered.pg}`), false)
  } else {
    add(sqliteRows(`SELECT ${sqliteList} FROM "${plan.name}"`), pgRows(`SELECT ${pgList} FROM "${plan.name}"`), true)
  }
  return { table: plan.name, sqliteRows: sides.sqliteRows, pgRows: sides.pgRows, sqliteHash: sides.sqlite.digest('hex'), pgHash: sides.pg.digest('hex') }
}
