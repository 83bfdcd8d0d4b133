import type Database from 'better-sqlite3'
import { BULK_HAZARD_WIDTH, type BulkLoad, type HazardSink, bulkHazardFields } from '../bulk-load'
import { bulkSql, columnOf, insertColumns } from './hazards'
import { type TextAside, textAside } from './text-aside'

/** Where a flat row holds the text the search indexes. */
const [ID, CODE, TITLE, DESCRIPTION] = (['id', 'code', 'title', 'description'] as const).map((f) => bulkHazardFields.indexOf(f)) as [number, number, number, number]
/** Rows per statement for the seed's flat rows (33 values each), well under SQLite's parameter cap. */
const BULK_FLAT = 100
// The flat layout binds straight to insertColumns: the two orders must be one.
if (insertColumns.some((c, i) => c !== columnOf(bulkHazardFields[i]!))) throw new Error('bulkHazardFields and the hazards columns disagree')

/**
 * SQLite's bulk load (server/store/bulk-load.ts): indexes dropped and built once over the loaded
 * rows, no journal, foreign keys checked once at the end, hazards written a hundred a statement.
 */
export function sqliteBulkLoad(db: Database.Database): BulkLoad {
  return {
    bulkLoad(fn) {
      // Indexes are cheaper built once over the loaded rows than kept up row by row. Partial ones
      // stay: a row outside their WHERE costs nothing to keep, and a rebuild would scan the table.
      const dropped = db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE '% WHERE %'
           AND tbl_name IN ('hazards', 'hazard_events', 'hazard_histories', 'history_escalations', 'inspections')`,
        )
        .all() as Array<{ name: string; sql: string }>
      // A first load into a new file: no journal to write twice, a cache that holds the ledger
      // while its indexes are built (each build reads the whole table), and foreign keys
      // checked once over the loaded rows (PRAGMA foreign_key_check) rather than row by row, which
      // costs several times more. A load that fails leaves a file the caller deletes, so
      // durability and the checks are restored only once it has succeeded.
      db.pragma('journal_mode = OFF')
      db.pragma('synchronous = OFF')
      db.pragma('cache_size = -1048576')
      db.pragma('foreign_keys = OFF')
      let text: TextAside | undefined
      try {
        // The text search's index too is built once over the loaded rows: by a worker thread while
        // this one builds the other indexes, when the load is large (text-aside.ts).
        const aside = textAside(db)
        text = aside
        return db.transaction(() => {
          for (const { name } of dropped) db.exec(`DROP INDEX "${name}"`)
          const sink = hazardSink(db, aside)
          const result = fn(sink)
          sink.end()
          aside.send()
          for (const { sql } of dropped) db.exec(sql)
          const broken = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>
          if (broken.length) throw new Error(`bulk load broke ${broken.length} foreign keys, first ${broken[0]!.table} row ${broken[0]!.rowid} → ${broken[0]!.parent}`)
          aside.finish()
          return result
        })()
      } finally {
        // The worker stopped and its file gone before the settings come back, which they do whatever happens.
        try {
          text?.close()
        } finally {
          db.pragma('foreign_keys = ON')
          db.pragma('cache_size = -16384')
          db.pragma('journal_mode = WAL')
          db.pragma('synchronous = FULL')
        }
      }
    },
    async loadRest(fn) {
      // Each commit in the journal (WAL) as usual, so a transaction that fails still rolls back,
      // but none waits for the disk: a crash now loses a store that start-up deletes anyway.
      db.pragma('synchronous = OFF')
      try {
        return await fn()
      } finally {
        // Durable from here: the journal's commits copied into the file and the file synced, once.
        db.pragma('synchronous = FULL')
        db.pragma('wal_checkpoint(TRUNCATE)')
      }
    },
  }
}

/** Flat hazard rows and their compact histories, a hundred a statement; the rest and the escalations at the end. */
function hazardSink(db: Database.Database, text: TextAside): HazardSink & { end(): void } {
  const flatMany = db.prepare(bulkSql('hazards', insertColumns, BULK_FLAT))
  const flatOne = db.prepare(bulkSql('hazards', insertColumns, 1))
  const historiesMany = db.prepare(bulkSql('hazard_histories', ['hazard_id', 'events'], BULK_FLAT))
  const historyOne = db.prepare(bulkSql('hazard_histories', ['hazard_id', 'events'], 1))
  const escalationOne = db.prepare('INSERT INTO history_escalations (hazard_id, at) VALUES (?, ?)')
  const values: unknown[] = []
  const histories: unknown[] = []
  const escalations: Array<[number, string]> = []
  let rows = 0
  return {
    values,
    next(history) {
      if (values.length !== ++rows * BULK_HAZARD_WIDTH) throw new Error(`a bulk hazard row needs ${BULK_HAZARD_WIDTH} values`)
      const at = values.length - BULK_HAZARD_WIDTH
      histories.push(values[at], history)
      text.row(values[at + ID] as number, values[at + CODE] as string | null, values[at + TITLE] as string | null, values[at + DESCRIPTION] as string | null)
      if (rows < BULK_FLAT) return
      flatMany.run(values)
      historiesMany.run(histories)
      values.length = 0
      histories.length = 0
      rows = 0
    },
    escalation(hazardId, at) {
      escalations.push([hazardId, at])
    },
    end() {
      for (let r = 0; r < rows; r++) {
        flatOne.run(values.slice(r * BULK_HAZARD_WIDTH, (r + 1) * BULK_HAZARD_WIDTH))
        historyOne.run(histories.slice(r * 2, r * 2 + 2))
      }
      for (const e of escalations) escalationOne.run(e)
      values.length = 0
      histories.length = 0
      escalations.length = 0
      rows = 0
    },
  }
}
