/**
 * The floor of PostgreSQL's bulk load (npm run bench:stores, issue 16): COPY of the very rows the
 * load sends (the same text, built beforehand) into bare tables of the same columns, then the same
 * indexes built over them, as the load builds its own after the rows. No constraints but NOT NULL,
 * no foreign keys, no triggers: what PostgreSQL itself needs to take the ledger in.
 */
import { generateGeography } from '../../server/seed/geography'
import { generateLedger } from '../../server/seed/ledger'
import { openPgSync } from '../../server/store/postgres/bridge'
import { hazardSink } from '../../server/store/postgres/bulk-load'
import { openPostgresStore } from '../../server/store/postgres'

/** The tables the bulk load writes the ledger's rows to (server/store/postgres/bulk-load.ts). */
const TABLES = ['hazards', 'hazard_text', 'hazard_histories', 'history_escalations']

export interface CopyBatch {
  sql: string
  data: string
}

/** The COPY statements and their text, in order, that the bulk load sends for this city ledger. */
export function ledgerCopyText(opts: { seed: number; asOf: string; hazards: number }): CopyBatch[] {
  const batches: CopyBatch[] = []
  const sink = hazardSink({
    copyFrom(sql, data) {
      batches.push({ sql, data })
      return 0
    },
    copyLater: (copies) => void batches.push(...copies),
    settle: () => undefined,
  })
  const geo = generateGeography({ seed: opts.seed, scope: 'city' })
  generateLedger(geo, opts).write(sink)
  sink.end()
  return batches
}

/**
 * Milliseconds to COPY the batches into bare copies of the ledger's tables and build their indexes
 * (primary keys and unique ones too), in one transaction on a migrated empty database at `url`.
 */
export function timeFloor(url: string, batches: readonly CopyBatch[]): { ms: number; rows: number } {
  openPostgresStore(url).close()
  const db = openPgSync(url, 'pingan-bench-floor')
  try {
    const indexes = db.query<{ tbl: string; name: string; def: string }>(
      `SELECT indrelid::regclass::text AS tbl, indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
       FROM pg_index WHERE indrelid = ANY ($1::regclass[])`,
      [TABLES],
    )
    db.exec(TABLES.map((t) => `DROP TABLE IF EXISTS floor_${t}; CREATE TABLE floor_${t} (LIKE ${t} INCLUDING DEFAULTS INCLUDING GENERATED);`).join('\n'))
    const bare = (sql: string) => {
      const t = TABLES.find((x) => sql.startsWith(`COPY ${x} `))
      if (!t) throw new Error(`unexpected COPY: ${sql.slice(0, 60)}`)
      return sql.replace(`COPY ${t} `, `COPY floor_${t} `)
    }
    const started = performance.now()
    let rows = 0
    db.transaction(() => {
      db.exec("SET LOCAL maintenance_work_mem = '512MB'")
      for (const b of batches) rows += db.copyFrom(bare(b.sql), b.data)
      for (const i of indexes) {
        const def = i.def.replace(` ${i.name} ON `, ` floor_${i.name} ON `).replace(` ON public.${i.tbl} `, ` ON public.floor_${i.tbl} `)
        if (!def.includes('floor_')) throw new Error(`cannot rename the index ${i.def}`)
        db.exec(def)
      }
    })
    const ms = performance.now() - started
    db.exec(TABLES.map((t) => `DROP TABLE floor_${t};`).join('\n'))
    return { ms, rows }
  } finally {
    db.close()
  }
}
