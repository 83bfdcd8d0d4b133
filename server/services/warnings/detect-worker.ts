import { parentPort } from 'node:worker_threads'
import { runDetectors } from '../../domain/warnings/index'
import type { DetectorOptions, DetectorRun, WarningGeography, WarningLedger } from '../../domain/warnings/model'

/**
 * The detectors' worker thread (run.ts starts it): each message is one run over the ledger it
 * carries (its columns transferred, not copied), answered with the run or the error's message.
 */

export interface DetectJob {
  job: number
  ledger: WarningLedger
  geography: WarningGeography
  options: DetectorOptions
}
export type DetectAnswer = { job: number; run: DetectorRun } | { job: number; error: string }

parentPort?.on('message', (m: DetectJob) => {
  let answer: DetectAnswer
  try {
    answer = { job: m.job, run: runDetectors(m.ledger, m.geography, m.options) }
  } catch (e) {
    answer = { job: m.job, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }
  }
  parentPort!.postMessage(answer)
})
