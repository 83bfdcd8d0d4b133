import { fileURLToPath } from 'node:url'
import type { Person } from '../../domain/schemas'
import type { HazardSink } from '../../store/bulk-load'
import type { Geography } from '../geography'
import type { SeedInspection } from './inspections'
import type { Ledger, LedgerOptions } from './index'
import { channelWorker, receiveSync } from '../../worker-channel'
import { type RowBatch, RowUnpacker } from './stream'

/** What a ledger leaves besides its hazards, known once they are all written (the inspections' counts). */
export interface LedgerRest {
  campaignStart: string
  inspections: SeedInspection[]
  persons: Person[]
}

/** A ledger being generated: write() takes its hazards, in order, then returns the rest. */
export interface LedgerSource {
  write(sink: HazardSink): LedgerRest
}

export type WorkerMessage = RowBatch | ({ type: 'done' } & LedgerRest) | { type: 'error'; message: string }

/** Hazards a batch carries from the worker: small enough that loading starts early, large enough that a message costs little. */
export const BATCH_ROWS = 2048
/** No word from the worker this long (a batch comes every few milliseconds): it is taken for dead. */
const SILENCE_MS = 10 * 60_000
const entry = fileURLToPath(new URL('./worker-entry.mjs', import.meta.url))

/** A ledger generated in this thread, as a LedgerSource. */
export function inThread(ledger: Ledger): LedgerSource {
  return {
    write(sink) {
      ledger.write(sink)
      return ledger
    },
  }
}

/**
 * A worker thread that will generate the ledger while this thread loads it: on two cores the
 * generation and the inserts take their time side by side instead of one after the other. Start
 * it before the geography is made, so its own start (loading the modules) overlaps that; then
 * generate() hands it the geography. The output is generateLedger's, row for row (same seed, same
 * draws: only the thread differs). stop() ends it, done or not.
 */
export function ledgerWorker(): { generate(geo: Geography, options: LedgerOptions): LedgerSource; stop(): void } {
  const { worker, port: port1, flag } = channelWorker(entry)
  return {
    generate(geo, options) {
      port1.postMessage({ geo, options })
      return {
        write(sink) {
          const unpacker = new RowUnpacker()
          for (;;) {
            const message = receiveSync<WorkerMessage>(port1, flag, SILENCE_MS, "the ledger's worker")
            if (message.type === 'rows') unpacker.unpack(message, sink)
            else if (message.type === 'error') throw new Error(`generating the ledger failed: ${message.message}`)
            else return message
          }
        },
      }
    },
    stop: () => void worker.terminate(),
  }
}
