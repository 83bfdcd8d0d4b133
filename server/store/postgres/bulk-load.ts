import { BULK_HAZARD_WIDTH, type BulkLoad, type HazardSink } from '../bulk-load'
import { type PgSync, copyField } from './bridge'
import { followIds } from './hazards'
import { bulkColumns, copyLineOwned } from './hazards-rows'
import { textGrams } from './text-search'

/** Hazards per COPY: a few megabytes of text through the bridge at a time. */
const BATCH = 5_000
/** The ledger's tables: their secondary indexes and foreign keys are set aside while they load. */
const LEDGER = ['hazards', 'hazard_events', 'hazard_histories', 'history_escalations', 'hazard_text']

/**
 * PostgreSQL's bulk load (server/store/bulk-load.ts), in one transaction: the ledger's rows through
 * COPY, their secondary indexes built once over the loaded rows, and their foreign keys checked
 * once at the end (ALTER TABLE … ADD CONSTRAINT checks a whole table in one join, where a
 * constraint kept in place looks up the areas row by row, five lookups a hazard). Primary keys,
 * unique and partial indexes stay. The caller's other writes inside fn share the transaction.
 * No ANALYZE: on a city it costs seconds, and autovacuum analyses the loaded tables within a minute.
 * bulkLoad is the outermost transaction; the store's transactions inside fn are its savepoints.
 */
export function pgBulkLoad(db: PgSync): BulkLoad {
  return {
    bulkLoad(fn) {
      // The first load of an empty store, not a part of someone's transaction.
      if (db.inTransaction) throw new Error('a bulk load must be the outermost transaction')
      // The connection's transaction: the store's transactions inside fn join it as savepoints.
      return db.transaction(() => {
        db.exec("SET LOCAL maintenance_work_mem = '512MB'")
        const indexes = db.query<{ name: string; def: string }>(
          `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index
           WHERE indrelid = ANY ($1::regclass[]) AND NOT indisprimary AND NOT indisunique AND indpred IS NULL`,
          [LEDGER],
        )
        const keys = db.query<{ tbl: string; name: string; def: string }>(
          `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
           WHERE contype = 'f' AND conrelid = ANY ($1::regclass[])`,
          [LEDGER],
        )
        const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
        db.exec([
          ...keys.map((k) => `ALTER TABLE ${k.tbl} DROP CONSTRAINT ${quote(k.name)};`),
          ...indexes.map((i) => `DROP INDEX ${i.name};`),
        ].join('\n'))
        const sink = hazardSink(db)
        const result = fn(sink)
        sink.end()
        for (const sql of [
          ...indexes.map((i) => i.def),
          ...keys.map((k) => `ALTER TABLE ${k.tbl} ADD CONSTRAINT ${quote(k.name)} ${k.def}`),
          followIds,
        ]) db.exec(sql)
        return result
      })
    },
  }
}

/**
 * Flat hazard rows, their text grams and compact histories as COPY text, sent every BATCH hazards;
 * the escalations at the end. Only copyFrom is used: the bench (tests/bench/stores-floor.ts) keeps
 * the very text it sends, to time COPY of the same rows into bare tables beside the load.
 */
export function hazardSink(db: Pick<PgSync, 'copyFrom' | 'copyLater' | 'settle'>): HazardSink & { end(): void } {
  const values: unknown[] = []
  let hazards: string[] = []
  let texts: string[] = []
  let histories: string[] = []
  let escalations: string[] = []
  const flush = () => {
    // Sent without waiting: the next batch's text is built while PostgreSQL takes this one.
    if (hazards.length)
      db.copyLater([
        { sql: `COPY hazards (${bulkColumns.join(', ')}) FROM STDIN`, data: hazards.join('') },
        { sql: 'COPY hazard_text (id, grams) FROM STDIN', data: texts.join('') },
        { sql: 'COPY hazard_histories (hazard_id, events) FROM STDIN', data: histories.join('') },
      ])
    hazards = []
    texts = []
    histories = []
  }
  return {
    values,
    next(history) {
      if (values.length !== BULK_HAZARD_WIDTH) throw new Error(`a bulk hazard row needs ${BULK_HAZARD_WIDTH} values`)
      // id, code, title and description lead the flat row (bulkHazardFields).
      const id = values[0] as number
      texts.push(`${id}\t${textGrams(values[1] as string, values[2] as string, values[3] as string)}\n`)
      hazards.push(copyLineOwned(values))
      histories.push(`${id}\t${copyField(history)}\n`)
      values.length = 0
      if (hazards.length >= BATCH) flush()
    },
    escalation(hazardId, at) {
      escalations.push(`${hazardId}\t${copyField(at)}\n`)
    },
    end() {
      flush()
      if (escalations.length) db.copyFrom('COPY history_escalations (hazard_id, at) FROM STDIN', escalations.join(''))
      escalations = []
      db.settle()
    },
  }
}
