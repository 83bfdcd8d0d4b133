/**
 * npm run bench:warnings — early warning (预测预警, issue 14) over the city (363 villages, 2,668 grid
 * cells, 500,000 hazards, 24 half-months), beside a same-run baseline: one full pass of the
 * statistics (GET /api/stats/areas?level=village).
 * - all five detectors in-process, and each detector alone (target: all ≤ 2 s);
 * - the same run through the worker thread, with the event loop's longest stall while it runs
 *   (off the event loop: the stall stays near the baseline's);
 * - GET /api/warnings from the computed set (target p95 ≤ 50 ms).
 * Pass --hazards N to change the ledger's size.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { detectorIds } from '../../server/domain/warnings/model'
import { DEFAULT_CALENDAR } from '../../server/domain/warnings/model'
import { runDetectors } from '../../server/domain/warnings/index'
import { warningInput } from '../../server/services/warnings/input'
import { detect } from '../../server/services/warnings/run'
import { issueWarnings } from '../../server/services/warnings/engine'
import { CITY_AS_OF, openCity } from './city'
import { ms, ratio, report, timeAsync } from './support'

const { values } = parseArgs({ options: { hazards: { type: 'string', default: '500000' }, runs: { type: 'string', default: '5' } } })
const HAZARDS = Number(values.hazards)
const RUNS = Number(values.runs)
const { s, get, close } = await openCity('warnings', HAZARDS)
const rows: Array<Record<string, string | number>> = []

const baseline = await timeAsync(() => get('/api/stats/areas?level=village'), 10)
rows.push({ what: 'baseline: GET /api/stats/areas?level=village', p50: ms(baseline.p50), p95: ms(baseline.p95), 'p95 / baseline': '1.00×' })

const t0 = performance.now()
const { ledger, geography } = warningInput(s)
const input = performance.now() - t0
rows.push({ what: 'input: the columns copied and the cells\' neighbours (first time)', p50: ms(input), p95: ms(input), 'p95 / baseline': ratio(input, baseline.p95) })

const options = { asOf: CITY_AS_OF, calendar: DEFAULT_CALENDAR }
const all = await timeAsync(async () => runDetectors(ledger, geography, options), RUNS)
rows.push({ what: 'all five detectors, in-process (target ≤ 2 s)', p50: ms(all.p50), p95: ms(all.p95), 'p95 / baseline': ratio(all.p95, baseline.p95) })
for (const d of detectorIds) {
  const one = await timeAsync(async () => runDetectors(ledger, geography, { ...options, only: [d] }), RUNS)
  rows.push({ what: `  ${d} alone`, p50: ms(one.p50), p95: ms(one.p95), 'p95 / baseline': ratio(one.p95, baseline.p95) })
}

// Through the worker: the event loop keeps answering while the detectors run.
const idle = monitorEventLoopDelay({ resolution: 5 })
idle.enable()
await new Promise((r) => setTimeout(r, 1000))
idle.disable()
const busy = monitorEventLoopDelay({ resolution: 5 })
busy.enable()
const worker = await timeAsync(() => detect(s, CITY_AS_OF, DEFAULT_CALENDAR), RUNS)
busy.disable()
rows.push({ what: 'all five detectors through the worker thread', p50: ms(worker.p50), p95: ms(worker.p95), 'p95 / baseline': ratio(worker.p95, baseline.p95) })
rows.push({ what: '  event loop\'s longest stall: idle | while detecting', p50: ms(idle.max / 1e6), p95: ms(busy.max / 1e6), 'p95 / baseline': ratio(busy.max, idle.max) })

const run = await issueWarnings(s, CITY_AS_OF)
const list = await timeAsync(() => get('/api/warnings'), 50)
rows.push({ what: 'GET /api/warnings (the computed set; target p95 ≤ 50 ms)', p50: ms(list.p50), p95: ms(list.p95), 'p95 / baseline': ratio(list.p95, baseline.p95) })
const filtered = await timeAsync(() => get('/api/warnings?level=red,orange&status=open'), 50)
rows.push({ what: 'GET /api/warnings?level=red,orange&status=open', p50: ms(filtered.p50), p95: ms(filtered.p95), 'p95 / baseline': ratio(filtered.p95, baseline.p95) })

console.log(`city: ${s.ledger.size.toLocaleString('en')} hazards, ${geography.cells.length} cells, ${geography.villages.length} villages; a run as of ${CITY_AS_OF} issued ${run.issued.length}, raised ${run.raised.length}, proposed lifting ${run.proposed.length}; ${(JSON.parse(await get('/api/warnings?limit=1')) as { total: number }).total} warnings in the store`)
report('warnings', rows)
close()
