import { SEEDS, runBacktest, table } from './summary'

/**
 * npm run backtest:warnings [-- --seeds N] [-- --volume X]: every scenario over the seeds (20 by
 * default), the detectors as of the end of every half-month, and the table the README shows.
 * --volume scales the ledger (1: the demo town's 3,000 hazards a year).
 */
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}
const seeds = SEEDS.slice(0, option('--seeds', SEEDS.length))
const started = performance.now()
const summary = runBacktest(seeds, option('--volume', 1))
process.stdout.write(table(summary))
const ms = Object.entries(summary.ms).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')
process.stdout.write(`\n${seeds.length} seeds in ${((performance.now() - started) / 1000).toFixed(1)} s (${ms})\n`)
for (const m of summary.recount.mismatches.slice(0, 10)) process.stdout.write(`recount: ${m.key} as of ${m.asOf}: ${m.field} shown ${m.shown}, recounted ${m.recounted}\n`)
for (const d of summary.leakage.differing.slice(0, 10)) process.stdout.write(`leakage: ${d}\n`)
