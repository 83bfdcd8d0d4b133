import { Worker } from 'node:worker_threads'
import type { BoundaryOptions } from '../../domain/contract/boundaries'
import type { AreaRecord } from '../../store/types'
import { ApiError, type ErrorStatus } from '../errors'
import type { CheckedFile } from './check'

export interface CheckInput {
  entry: string
  bytes: Uint8Array
  options: BoundaryOptions
  candidates: readonly AreaRecord[]
  parents: readonly AreaRecord[]
}

export type CheckOutcome =
  | { ok: CheckedFile }
  | { refused: { status: ErrorStatus; code: string; message: string; details?: unknown } }
  | { failed: string }

/** A file that has not been read and checked in this long is given up (its worker is stopped). */
const CHECK_TIMEOUT_MS = 120_000
/** The worker's heap: a boundary file of AREA_IMPORT_MAX_MB parses to a few times its size. */
const WORKER_HEAP_MB = 768

/**
 * Reads and checks a boundary file in a worker thread, so that parsing and the geometry checks
 * (seconds for a large file) leave the event loop free: /api/health and every other request keep
 * answering meanwhile. A worker that runs out of its heap or time is stopped, and the file refused.
 */
export function checkInWorker(input: Omit<CheckInput, 'entry'>): Promise<CheckedFile> {
  const entry = new URL('./worker.ts', import.meta.url).href
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { ...input, entry } satisfies CheckInput,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: false,
      stderr: false,
    })
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate()
      fn()
    }
    const timer = setTimeout(
      () => settle(() => reject(new ApiError(413, 'too_large', `The file could not be checked within ${CHECK_TIMEOUT_MS / 1000} s; split it by district.`))),
      CHECK_TIMEOUT_MS,
    )
    worker.once('message', (m: CheckOutcome) =>
      settle(() => {
        if ('ok' in m) resolve(m.ok)
        else if ('refused' in m) reject(new ApiError(m.refused.status, m.refused.code, m.refused.message, m.refused.details))
        else reject(new Error(`boundary check failed in its worker: ${m.failed}`))
      }),
    )
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ApiError(413, 'too_large', 'The file needs more memory to check than a boundary file may; split it by district.') : err),
      ),
    )
    worker.once('exit', (code) => settle(() => reject(new Error(`boundary check worker exited (${code}) without an answer`))))
  })
}
