import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type Database from 'better-sqlite3'
import { channelWorker, receiveSync } from '../../worker-channel'
import { bulkTextEnd, rebuildHazardText } from './text-search'

/**
 * A bulk load's text index, built beside it: from TEXT_ASIDE_ROWS rows on, a worker thread indexes
 * the loaded hazards' text into a file of its own (text-aside-worker.ts) while this thread builds
 * the other indexes and checks the foreign keys, and the index's tables are then copied into the
 * store in the same transaction. On two cores the text index (≈ 5 s at 500,000 hazards) takes its
 * time beside the B-tree indexes (≈ 4 s) instead of after them. Smaller loads, and a load that
 * also wrote hazards through the port (which indexed them in the store already), rebuild the index
 * in this thread over the table, as before. Either way the index holds the same entries.
 */
export const TEXT_ASIDE_ROWS = 10_000
/** No word from the worker this long: it is taken for dead (it indexes a city in seconds). */
const SILENCE_MS = 10 * 60_000
const ALIAS = 'text_aside'
const entry = fileURLToPath(new URL('./text-aside-entry.mjs', import.meta.url))

/** What the worker is sent: the hazards' ids and text, titles and descriptions as indexes into `strings` (-1: none). */
export interface TextRows {
  file: string
  ddl: string
  ids: Float64Array
  codes: Array<string | null>
  titles: Int32Array
  descriptions: Int32Array
  strings: string[]
}
export type TextAsideMessage = { type: 'done'; rows: number } | { type: 'error'; message: string }

export interface TextAside {
  /** One loaded hazard's text, as the sink writes it. */
  row(id: number, code: string | null, title: string | null, description: string | null): void
  /** After the last row and the load's other writes: hands the rows to the worker when this load builds its index aside. */
  send(): void
  /** In the load's transaction, after the other indexes: the text index, copied in from the worker's file or rebuilt here. */
  finish(): void
  /** After the transaction, whatever became of it: the worker stopped, its file detached and removed. */
  close(): void
}

/** Must be called outside a transaction: it attaches the worker's (still empty) file, which SQLite allows only there. */
export function textAside(db: Database.Database): TextAside {
  const owned = db.memory || !db.name ? mkdtempSync(join(tmpdir(), 'pingan-text-')) : null
  const file = owned ? join(owned, 'text.db') : `${db.name}.text-aside`
  rmSync(file, { force: true })
  db.prepare(`ATTACH DATABASE ? AS ${ALIAS}`).run(file)
  const ids: number[] = []
  const codes: Array<string | null> = []
  const titles: Array<string | null> = []
  const descriptions: Array<string | null> = []
  let worker: ReturnType<typeof channelWorker> | null = null
  let sent = false

  const stop = () => {
    void worker?.worker.terminate()
    worker = null
  }
  return {
    row(id, code, title, description) {
      ids.push(id)
      codes.push(code)
      titles.push(title)
      descriptions.push(description)
      // Started during the load, so that its start (loading its modules) is over when the rows are.
      if (ids.length === TEXT_ASIDE_ROWS) worker = channelWorker(entry)
    },
    send() {
      if (!worker) return
      // The port indexes the hazards it writes as it writes them: a load that did so is rebuilt here, over the whole table.
      if (db.prepare('SELECT 1 FROM hazard_text_docsize LIMIT 1').get()) return stop()
      const ddl = (db.prepare("SELECT sql FROM main.sqlite_master WHERE name = 'hazard_text'").get() as { sql: string }).sql
      const table = new Map<string, number>()
      const strings: string[] = []
      const index = (s: string | null) => {
        if (s == null) return -1
        let i = table.get(s)
        if (i === undefined) table.set(s, (i = strings.push(s) - 1))
        return i
      }
      const message: TextRows = {
        file, ddl, ids: Float64Array.from(ids), codes, titles: Int32Array.from(titles, index), descriptions: Int32Array.from(descriptions, index), strings,
      }
      worker.port.postMessage(message, [message.ids.buffer as ArrayBuffer, message.titles.buffer as ArrayBuffer, message.descriptions.buffer as ArrayBuffer])
      sent = true
    },
    finish() {
      if (!sent || !worker) return void db.exec(rebuildHazardText)
      const answer = receiveSync<TextAsideMessage>(worker.port, worker.flag, SILENCE_MS, "the text index's worker")
      if (answer.type === 'error') throw new Error(`building the text index failed: ${answer.message}`)
      if (answer.rows !== ids.length) throw new Error(`the text index's worker indexed ${answer.rows} hazards of ${ids.length}`)
      const shadows = (schema: string) =>
        (db.prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name GLOB 'hazard_text_*' ORDER BY name`).all() as Array<{ name: string }>).map((t) => t.name)
      const tables = shadows('main')
      if (tables.join() !== shadows(ALIAS).join()) throw new Error(`the text index's tables differ: ${tables.join()} and ${shadows(ALIAS).join()}`)
      // SQLite keeps a virtual table's own tables from ordinary writes (defensive mode, which
      // better-sqlite3 turns on): off for the copy only.
      db.unsafeMode(true)
      try {
        for (const t of tables) db.exec(`DELETE FROM main."${t}"; INSERT INTO main."${t}" SELECT * FROM ${ALIAS}."${t}";`)
      } finally {
        db.unsafeMode(false)
      }
      // FTS5 keeps the index's structure in memory and trusts it while no other connection writes
      // the file: this one just did, behind its back. A write to the table rolled back to a
      // savepoint makes FTS5 drop what it holds (its xRollbackTo), so the next statement reads the
      // copied tables. tests/server/store/sqlite-text-aside.test.ts searches before the load to catch it.
      db.exec(`SAVEPOINT text_reload; ${bulkTextEnd} ROLLBACK TO text_reload; RELEASE text_reload;`)
    },
    close() {
      stop()
      db.exec(`DETACH DATABASE ${ALIAS}`)
      rmSync(owned ?? file, { recursive: true, force: true })
    },
  }
}

