import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { runDetectors } from '../../domain/warnings/index'
import type { DetectorId, DetectorRun, SeasonEntry, WarningGeography, WarningLedger } from '../../domain/warnings/model'
import type { Services } from '../context'
import type { DetectAnswer, DetectJob } from './detect-worker'
import { warningInput } from './input'

/**
 * Runs the detectors off the event loop: in a worker thread that lives as long as the server (it
 * starts on the first run and does not keep the process alive), over copies of the ledger's columns
 * handed over without copying again. The backtest and a caller that asks for it run in process.
 */

export interface DetectOptions {
  /** run in this thread (the backtest; tests comparing the two) */
  inProcess?: boolean
  /** detectors to run; all when absent */
  only?: readonly DetectorId[]
}

/** Every detector over the live ledger as of a day, with the given seasonal calendar. */
export function detect(s: Services, asOf: string, calendar: readonly SeasonEntry[], options: DetectOptions = {}): Promise<DetectorRun> {
  const { ledger, geography } = warningInput(s)
  return detectOver(ledger, geography, asOf, calendar, options)
}

/** Every detector over a given ledger (its columns are handed to the worker and no longer usable here). */
export function detectOver(
  ledger: WarningLedger, geography: WarningGeography, asOf: string, calendar: readonly SeasonEntry[], options: DetectOptions = {},
): Promise<DetectorRun> {
  const opts = { asOf, calendar: [...calendar], ...(options.only ? { only: [...options.only] } : {}) }
  if (options.inProcess) return Promise.resolve(runDetectors(ledger, geography, opts))
  return DetectThread.shared().run({ job: 0, ledger, geography, options: opts })
}

/** The typed arrays of a ledger, to transfer their buffers to the worker. */
function buffersOf(ledger: WarningLedger): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>()
  for (const v of Object.values(ledger)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer)
  return [...out]
}

/**
 * The worker's entry is TypeScript, and the server runs through tsx. On Node 20 a worker started with
 * `execArgv: ['--import', 'tsx']` does not load a .ts entry (the hooks register too late), and inside
 * vitest `tsx` does not resolve from the test's directory; so a small script loads the entry through
 * tsx's own API, found from this file.
 */
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs')
const WORKER_ENTRY = new URL('./detect-worker.ts', import.meta.url).href
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads')
import(workerData.api).then(({ tsImport }) => tsImport(workerData.entry, workerData.api))
`

/** The one worker thread and its pending runs. */
class DetectThread {
  private static current: DetectThread | null = null
  private readonly worker: Worker
  private readonly pending = new Map<number, { resolve: (r: DetectorRun) => void; reject: (e: Error) => void }>()
  private next = 1

  static shared(): DetectThread {
    DetectThread.current ??= new DetectThread()
    return DetectThread.current
  }

  private constructor() {
    this.worker = new Worker(BOOTSTRAP, { eval: true, workerData: { api: TSX_API, entry: WORKER_ENTRY } })
    this.worker.unref()
    this.worker.on('message', (a: DetectAnswer) => this.answer(a))
    this.worker.on('error', (e) => this.fail(new Error(`the detectors' worker failed: ${e.message}`, { cause: e })))
    this.worker.on('exit', (code) => this.fail(new Error(`the detectors' worker stopped (exit code ${code})`)))
  }

  run(job: DetectJob): Promise<DetectorRun> {
    const id = this.next++
    return new Promise((resolve, reject) => {
      // held while a run is pending (a script awaiting it must not exit), let go when idle
      if (this.pending.size === 0) this.worker.ref()
      this.pending.set(id, { resolve, reject })
      this.worker.postMessage({ ...job, job: id }, buffersOf(job.ledger))
    })
  }

  private answer(a: DetectAnswer): void {
    const p = this.pending.get(a.job)
    if (!p) return
    this.pending.delete(a.job)
    if (this.pending.size === 0) this.worker.unref()
    if ('run' in a) p.resolve(a.run)
    else p.reject(new Error(`the detectors failed: ${a.error}`))
  }

  /** Every pending run fails with the worker's error; the next run starts a new worker. */
  private fail(e: Error): void {
    if (DetectThread.current === this) DetectThread.current = null
    for (const p of this.pending.values()) p.reject(e)
    this.pending.clear()
  }
}
