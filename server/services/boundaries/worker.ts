import { parentPort, workerData } from 'node:worker_threads'
import { ApiError } from '../errors'
import type { CheckInput, CheckOutcome } from './in-worker'
import { checkBoundaryFile } from './check'

/** One boundary file read and checked in a worker thread; the answer (or the refusal) goes back as data. */
const input = workerData as CheckInput
let outcome: CheckOutcome
try {
  outcome = { ok: checkBoundaryFile(input.bytes, input.options, input.candidates, input.parents) }
} catch (err) {
  outcome = err instanceof ApiError
    ? { refused: { status: err.status, code: err.code, message: err.message, details: err.details } }
    : { failed: err instanceof Error ? err.stack ?? err.message : String(err) }
}
parentPort!.postMessage(outcome)
