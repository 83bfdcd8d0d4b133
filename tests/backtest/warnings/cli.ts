import { SEEDS, runBacktest, table } from './summary'

/**
 * npm run backtest:warnings [-- --seeds N]: every scenario over the seeds, the detectors as of the
 * end of every half-month, and the table the README shows.
 */
const arg = process.argv.indexOf('--seeds')
const seeds = arg > 0 ? SEEDS.slice(0, Number(process.argv[arg + 1])) : SEEDS
const started = performance.now()
const summary = runBacktest(seeds)
process.stdout.write(table(summary))
const ms = Object.entries(summary.ms).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')
process.stdout.write(`\n${seeds.length} seeds in ${((performance.now() - started) / 1000).toFixed(1)} s (${ms})\n`)
for (const m of summary.recount.mismatches.slice(0, 10)) process.stdout.write(`recount: ${m.key} as of ${m.asOf}: ${m.field} shown ${m.shown}, recounted ${m.recounted}\n`)
for (const d of summary.leakage.differing.slice(0, 10)) process.stdout.write(`leakage: ${d}\n`)
