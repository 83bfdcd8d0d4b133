import { type DetectorId, type DetectorOptions, type DetectorRun, type RunDetectors, type Signal, type WarningGeography, type WarningLedger, detectorIds, warningLevelIds } from './model'
import { toDay } from '../days'
import { detectHotSpots } from './hot-spots'
import { detectOverdue } from './overdue'
import { detectRepeatSites } from './repeat-sites'
import { detectRisingTrends } from './rising'
import { detectSeasonal } from './seasonal'

/**
 * Every detector as of a day (model.ts RunDetectors): pure and deterministic, so the server's worker,
 * the tests and the backtest harness get the same signals from the same ledger.
 */

/** What one detector gives: its signals, and for hot spots the standing (persistent) ones. */
type Found = Signal[] | { signals: Signal[]; persistent?: Signal[] }
type Detector = (ledger: WarningLedger, geography: WarningGeography, options: DetectorOptions) => Found

const detectors: Partial<Record<DetectorId, Detector>> = {
  hot_spot: (ledger, geography, options) => detectHotSpots(ledger, geography, toDay(options.asOf)),
  rising_trend: (ledger, geography, options) => detectRisingTrends(ledger, geography, toDay(options.asOf)),
  repeat_site: detectRepeatSites,
  overdue: detectOverdue,
  seasonal: detectSeasonal,
}

const levelRank = new Map(warningLevelIds.map((l, i) => [l, i]))
/** Most severe first, then by key: the same ledger gives the same list in the same order. */
const bySeverity = (a: Signal, b: Signal) => levelRank.get(a.level)! - levelRank.get(b.level)! || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

export const runDetectors: RunDetectors = (ledger, geography, options) => {
  const run: DetectorRun = { asOf: options.asOf, signals: [], persistent: [], timings: {} }
  for (const id of detectorIds) {
    const detect = detectors[id]
    if (!detect || (options.only && !options.only.includes(id))) continue
    const started = performance.now()
    const found = detect(ledger, geography, options)
    run.timings[id] = Math.round((performance.now() - started) * 10) / 10
    if (Array.isArray(found)) run.signals.push(...found)
    else {
      run.signals.push(...found.signals)
      run.persistent.push(...(found.persistent ?? []))
    }
  }
  run.signals.sort(bySeverity)
  run.persistent.sort(bySeverity)
  return run
}
