import { type MessagePort, workerData } from 'node:worker_threads'
import type { Geography } from '../geography'
import { type LedgerOptions, generateLedger } from './index'
import { RowPacker } from './stream'
import { BATCH_ROWS, type WorkerMessage } from './threaded'
import { notify } from '../../worker-channel'

/**
 * The ledger's worker thread (started by threaded.ts through worker-entry.mjs): waits for the
 * geography and the options, generates the ledger exactly as generateLedger does in a thread of
 * its own, and sends its rows packed (stream.ts), then the inspections (their counts filled) and
 * the persons. Any failure is sent as a message, as the main thread waits without an event loop.
 */
const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer }
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => {
  port.postMessage(message, transfer)
  notify(signal)
}

port.once('message', ({ geo, options }: { geo: Geography; options: LedgerOptions }) => {
  try {
    const ledger = generateLedger(geo, options)
    const packer = new RowPacker(BATCH_ROWS, post)
    ledger.write(packer)
    packer.flush()
    post({ type: 'done', campaignStart: ledger.campaignStart, inspections: ledger.inspections, persons: ledger.persons })
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
  }
  port.close()
})
