import { type MessagePort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { notify } from '../../worker-channel'
import type { TextAsideMessage, TextRows } from './text-aside'
import { bulkTextEnd, bulkTextStart, textGrams } from './text-search'

/**
 * The text index's worker thread (started by text-aside.ts through text-aside-entry.mjs): makes the
 * store's hazard_text table in a file of its own and indexes the rows it is sent, one statement a
 * hazard (FTS5 takes single rows faster than many to a statement), with the tokens the store's own
 * hazard_grams() gives. Any failure is sent as a message: the main thread waits without an event loop.
 */
const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer }
const post = (message: TextAsideMessage) => {
  port.postMessage(message)
  notify(signal)
}

port.once('message', (m: TextRows) => {
  try {
    const db = new Database(m.file)
    try {
      // A scratch file: nothing to journal, nothing to wait for the disk for.
      db.pragma('journal_mode = OFF')
      db.pragma('synchronous = OFF')
      db.exec(m.ddl)
      const insert = db.prepare('INSERT INTO hazard_text (rowid, grams) VALUES (?, ?)')
      const text = (i: number) => (i < 0 ? null : m.strings[i]!)
      db.transaction(() => {
        db.exec(bulkTextStart)
        for (let i = 0; i < m.ids.length; i++) insert.run(m.ids[i], textGrams(m.codes[i], text(m.titles[i]!), text(m.descriptions[i]!)))
        db.exec(bulkTextEnd)
      })()
    } finally {
      db.close()
    }
    post({ type: 'done', rows: m.ids.length })
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
  }
  port.close()
})
