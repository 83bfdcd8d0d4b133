import pg from 'pg'
import copyStreams from 'pg-copy-streams'
import { type MessagePort, workerData } from 'node:worker_threads'
import type { BridgeOp, BridgeResult } from './bridge'

/**
 * The PostgreSQL side of the synchronous bridge (bridge.ts): one connection, driven by the main
 * thread one operation at a time. A bigint (int8, counts and sums) is read as a number: every id
 * and count the ledger keeps is far below 2^53.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v))

let client: pg.Client | undefined
/** how the connection was made, to make it again */
let made: Extract<BridgeOp, { op: 'connect' }> | undefined
/** the connection was lost (an error or its end while idle, e.g. the database restarted) */
let lost = false

/** A setting's value as the startup options carry it (`-c name=value`; spaces and backslashes escaped). */
const option = (name: string, value: string) => `-c ${name}=${value.replace(/[\\ ]/g, (c) => `\\${c}`)}`

async function connect(op: Extract<BridgeOp, { op: 'connect' }>): Promise<void> {
  const options = Object.entries(op.settings).map(([k, v]) => option(k, v)).join(' ')
  const c = new pg.Client({ connectionString: op.url, application_name: op.name, ...(options && { options }) })
  // A dropped connection is made again before the next call outside a transaction (run, below),
  // not an unhandled event in the worker.
  c.on('error', () => {
    if (client === c) lost = true
  })
  c.on('end', () => {
    if (client === c) lost = true
  })
  await c.connect()
  client = c
  made = op
  lost = false
}

async function run(op: BridgeOp): Promise<BridgeResult> {
  if (op.op !== 'connect' && op.op !== 'close' && op.fresh && lost && made) {
    const old = client
    client = undefined
    old?.end().catch(() => undefined)
    await connect(made)
  }
  switch (op.op) {
    case 'connect': {
      await connect(op)
      return { rows: [], rowCount: 0 }
    }
    case 'query': {
      const values = op.values as unknown[] | undefined
      const r = op.arrays ? await connected().query({ text: op.text, values, rowMode: 'array' }) : await connected().query({ text: op.text, values })
      return { rows: r.rows as unknown[], rowCount: r.rowCount ?? 0 }
    }
    case 'exec': {
      await connected().query(op.text)
      return { rows: [], rowCount: 0 }
    }
    case 'copyFrom':
      return { rows: [], rowCount: await copyIn(op.sql, op.data) }
    case 'copyMany': {
      let rowCount = 0
      for (const c of op.copies) rowCount += await copyIn(c.sql, c.data)
      return { rows: [], rowCount }
    }
    case 'copyTo': {
      const stream = connected().query(copyStreams.to(op.sql))
      const chunks: Buffer[] = []
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => resolve())
        stream.on('error', reject)
      })
      return { rows: [], rowCount: 0, data: Buffer.concat(chunks).toString('utf8') }
    }
    case 'close': {
      await client?.end()
      client = undefined
      return { rows: [], rowCount: 0 }
    }
  }
}

/** COPY … FROM STDIN of data; rows copied. */
async function copyIn(sql: string, data: string): Promise<number> {
  const stream = connected().query(copyStreams.from(sql))
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve())
    stream.on('error', reject)
    stream.end(data)
  })
  return Number(stream.rowCount ?? 0)
}

function connected(): pg.Client {
  if (!client) throw new Error('the PostgreSQL bridge is not connected')
  return client
}

/** PostgreSQL's error fields travel as plain data: the main thread rebuilds the error from them. */
async function answer(op: BridgeOp): Promise<BridgeResult> {
  try {
    return await run(op)
  } catch (err) {
    const e = err as pg.DatabaseError
    return { rows: [], rowCount: 0, error: { message: e.message, code: e.code, detail: e.detail, constraint: e.constraint, table: e.table, column: e.column } }
  }
}

/** One operation at a time: the answer is posted, then the waiting main thread is woken (bridge.ts). */
const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer }
const flag = new Int32Array(signal)
port.on('message', (op: BridgeOp) => {
  void answer(op).then((result) => {
    port.postMessage(result)
    Atomics.store(flag, 0, 1)
    Atomics.notify(flag, 0)
  })
})
