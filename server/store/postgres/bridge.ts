import { fileURLToPath } from 'node:url'
import { receiveMessageOnPort } from 'node:worker_threads'
import { channelWorker } from '../../worker-channel'

/**
 * A synchronous connection to PostgreSQL. The Store port is synchronous (SQLite's transactions
 * are, and the services rely on a write and its index update happening in one turn of the event
 * loop), so the PostgreSQL adapter keeps that contract: the `pg` driver runs in a worker thread,
 * one per connection, and the main thread waits for each answer (Atomics.wait on a shared word,
 * the answer read with receiveMessageOnPort, as synckit does; synckit itself keeps one worker per
 * file, so every connection of a process would share one session). A call
 * costs one loopback round trip (≈ 0.1–0.3 ms); statistics and tiles never come here, they read
 * the in-memory ledger index.
 */
export type BridgeOp =
  | { op: 'connect'; url: string; name: string; settings: Readonly<Record<string, string>> }
  | (
      | { op: 'query'; text: string; values?: readonly unknown[]; arrays?: boolean }
      | { op: 'exec'; text: string }
      | { op: 'copyFrom'; sql: string; data: string }
      | { op: 'copyMany'; copies: ReadonlyArray<{ sql: string; data: string }> }
      | { op: 'copyTo'; sql: string }
    ) & {
      /**
       * Outside a transaction: a connection lost meanwhile (the database restarted, the session was
       * ended) is made again first, with the same settings. Inside one it is an error: the
       * transaction is gone.
       */
      fresh: boolean
    }
  | { op: 'close' }

export interface BridgeResult {
  rows: unknown[]
  rowCount: number
  data?: string
  error?: { message: string; code?: string; detail?: string; constraint?: string; table?: string; column?: string }
}

/** A PostgreSQL error as the store's callers see it: the message, and the SQLSTATE as `code`. */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    readonly constraint: string | undefined,
  ) {
    super(message)
    this.name = 'PgError'
  }
}

export interface PgSync {
  /** Rows of a query with $1, $2 … parameters. */
  query<T = Record<string, unknown>>(text: string, values?: readonly unknown[]): T[]
  /** The first row, or undefined. */
  one<T = Record<string, unknown>>(text: string, values?: readonly unknown[]): T | undefined
  /** The first column of the first row, or undefined. */
  value<T = unknown>(text: string, values?: readonly unknown[]): T | undefined
  /** The first column of every row. */
  column<T = unknown>(text: string, values?: readonly unknown[]): T[]
  /** Runs a statement; how many rows it touched. */
  run(text: string, values?: readonly unknown[]): number
  /** Several statements without parameters (a migration). */
  exec(text: string): void
  /** COPY … FROM STDIN with the data in COPY's text format; rows copied. */
  copyFrom(sql: string, data: string): number
  /**
   * COPY … FROM STDIN of each in turn, answered before the next call on this connection: the caller
   * builds the next rows' text while PostgreSQL takes these (a bulk load). An error is thrown by
   * that next call (`settle`, or any other).
   */
  copyLater(copies: ReadonlyArray<{ sql: string; data: string }>): void
  /** Waits for a copyLater still under way; throws its error. */
  settle(): void
  /** COPY … TO STDOUT; the data in COPY's text format. */
  copyTo(sql: string): string
  /**
   * Runs fn atomically on this connection, as better-sqlite3's transactions: BEGIN … COMMIT, or,
   * inside a transaction already open (whoever opened it: the store, a bulk load, an exclusive
   * section), a savepoint undone alone when fn throws. Every part of the adapter opens its
   * transactions here, so they nest instead of committing each other early.
   */
  transaction<T>(fn: () => T): T
  /** Whether a transaction is open on this connection. */
  readonly inTransaction: boolean
  close(): void
}

const entry = fileURLToPath(new URL('./bridge-entry.mjs', import.meta.url))

/** The longest one statement may take (an index built over a city's ledger, a bulk load's COPY). */
const CALL_TIMEOUT_MS = 30 * 60_000

/** A worker thread holding one connection, called synchronously: one operation posted at a time, then waited for. */
interface Connection {
  call(op: BridgeOp): BridgeResult
  post(op: BridgeOp): void
  wait(): BridgeResult
  stop(): void
}

function connectionWorker(): Connection {
  // An idle connection does not keep the process alive (a CLI ends when its work is done).
  const { worker, port: port1, flag } = channelWorker(entry)
  return {
    call(op) {
      post(op)
      return wait()
    },
    post,
    wait,
    stop: () => void worker.terminate(),
  }
  function post(op: BridgeOp): void {
    Atomics.store(flag, 0, 0)
    port1.postMessage(op)
  }
  function wait(): BridgeResult {
    // Woken only once the flag is up: a wake-up can be the previous call's notify, late (its answer
    // was read when the flag went up, before the worker got to notify), with this answer not there yet.
    const deadline = Date.now() + CALL_TIMEOUT_MS
    while (Atomics.load(flag, 0) === 0)
      if (Atomics.wait(flag, 0, 0, Math.max(0, deadline - Date.now())) === 'timed-out')
        throw new PgError(`PostgreSQL did not answer within ${CALL_TIMEOUT_MS / 60_000} min`, undefined, undefined, undefined)
    const answer = receiveMessageOnPort(port1)
    if (!answer) throw new PgError('the PostgreSQL bridge lost its answer', undefined, undefined, undefined)
    return answer.message as BridgeResult
  }
}

/**
 * Opens a connection. `settings` are the session's (`SET name = value`), given at every connection,
 * so they hold again after a lost connection is made anew (the change feed's origin is one).
 */
export function openPgSync(url: string, name = 'pingan', settings: Readonly<Record<string, string>> = {}): PgSync {
  const connection = connectionWorker()
  const checked = (result: BridgeResult): BridgeResult => {
    if (result.error) throw new PgError(result.error.message, result.error.code, result.error.detail, result.error.constraint)
    return result
  }
  // A copyLater under way is answered before anything else is sent.
  let pending = false
  const settle = () => {
    if (!pending) return
    pending = false
    checked(connection.wait())
  }
  const send = (op: BridgeOp): BridgeResult => {
    settle()
    return checked(connection.call(op))
  }
  try {
    send({ op: 'connect', url, name, settings })
  } catch (err) {
    connection.stop()
    throw err
  }
  let open = true
  let depth = 0
  const query = <T>(text: string, values?: readonly unknown[]) => send({ op: 'query', text, values: values?.map(param), fresh: depth === 0 }).rows as T[]
  const exec = (text: string) => void send({ op: 'exec', text, fresh: depth === 0 })
  return {
    get inTransaction() {
      return depth > 0
    },
    transaction(fn) {
      const savepoint = `pingan_sp${depth}`
      exec(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`)
      depth++
      let result
      try {
        result = fn()
      } catch (err) {
        depth--
        try {
          // A COPY still under way is answered first (its error, if any, is part of what is undone).
          settle()
        } catch {
          // fn's error is the one to tell
        }
        try {
          exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`)
        } catch {
          // the connection is gone: PostgreSQL has rolled back already; fn's error is the one to tell
        }
        throw err
      }
      depth--
      exec(depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`)
      return result
    },
    query,
    one: (text, values) => query(text, values)[0] as never,
    value: (text, values) => {
      const rows = send({ op: 'query', text, values: values?.map(param), arrays: true, fresh: depth === 0 }).rows as unknown[][]
      return rows[0]?.[0] as never
    },
    column: (text, values) => (send({ op: 'query', text, values: values?.map(param), arrays: true, fresh: depth === 0 }).rows as unknown[][]).map((r) => r[0]) as never,
    run: (text, values) => send({ op: 'query', text, values: values?.map(param), fresh: depth === 0 }).rowCount,
    exec,
    copyFrom: (sql, data) => send({ op: 'copyFrom', sql, data, fresh: depth === 0 }).rowCount,
    copyLater(copies) {
      settle()
      connection.post({ op: 'copyMany', copies, fresh: depth === 0 })
      pending = true
    },
    settle,
    copyTo: (sql) => send({ op: 'copyTo', sql, fresh: depth === 0 }).data ?? '',
    close: () => {
      if (!open) return
      open = false
      try {
        send({ op: 'close' })
      } finally {
        connection.stop()
      }
    },
  }
}

/** Parameters as pg takes them: undefined is NULL, a Uint8Array goes as bytea. */
function param(v: unknown): unknown {
  if (v === undefined) return null
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength)
  return v
}

/** A value for COPY's text format: \N for NULL, and the format's escapes. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N'
  if (typeof v === 'boolean') return v ? 't' : 'f'
  // Read in place: Buffer.from(v) alone would copy the bytes first.
  if (v instanceof Uint8Array) return '\\\\x' + Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}
