/**
 * npm run bench:scorecards — monthly scorecards (考核) for the city (363 villages, 18 districts, the
 * lead units; 500,000 hazards), each level through the API in-process, beside a same-run baseline:
 * one full pass of the statistics (GET /api/stats/areas?level=village). Target ≤ 1 s each (issue 13).
 * The city ledger is seeded once (minutes) into test-output/bench-cache, as bench:load does, and
 * each run works on a copy (publishing a month writes to it). Pass --hazards N to change its size.
 */
import { parseArgs } from 'node:util'
import { openCity } from './city'
import { ms, ratio, report, timeAsync } from './support'

const { values } = parseArgs({ options: { hazards: { type: 'string', default: '500000' }, runs: { type: 'string', default: '10' } } })
const HAZARDS = Number(values.hazards)
const RUNS = Number(values.runs)
const { s, get, close } = await openCity('scorecards', HAZARDS)

const places = `${s.ledger.areas.byLevel.get('village')!.length} villages, ${s.ledger.areas.byLevel.get('district')!.length} districts, ${s.ledger.size.toLocaleString('en')} hazards`
const rows: Array<Record<string, string | number>> = []
const baseline = await timeAsync(() => get('/api/stats/areas?level=village'), RUNS)
rows.push({ what: 'baseline: GET /api/stats/areas?level=village', 'p50': ms(baseline.p50), 'p95': ms(baseline.p95), 'p95 / baseline': '1.00×' })

// October ended: its first request publishes it (bulletin and every level, in one transaction).
const t0 = performance.now()
await get('/api/scorecards?month=2026-10&level=district')
const publish = performance.now() - t0
rows.push({ what: 'publish October (bulletin + 3 levels + September counted for the change), once', 'p50': ms(publish), 'p95': ms(publish), 'p95 / baseline': ratio(publish, baseline.p95) })

for (const [month, label] of [['2026-11', 'November, running'], ['2026-10', 'October, frozen (+ recomputed)']] as const)
  for (const level of ['village', 'district', 'unit'] as const) {
    const t = await timeAsync(() => get(`/api/scorecards?month=${month}&level=${level}`), RUNS)
    rows.push({ what: `GET /api/scorecards ${label}, ${level}`, 'p50': ms(t.p50), 'p95': ms(t.p95), 'p95 / baseline': ratio(t.p95, baseline.p95) })
  }
const district = s.ledger.areas.byLevel.get('district')![0]!.id
const drill = await timeAsync(() => get(`/api/scorecards/records?month=2026-11&level=district&id=${district}&measure=overdue`), RUNS)
rows.push({ what: 'GET /api/scorecards/records (a district, overdue)', 'p50': ms(drill.p50), 'p95': ms(drill.p95), 'p95 / baseline': ratio(drill.p95, baseline.p95) })

console.log(`city: ${places}; target ≤ 1 s each`)
report('scorecards', rows)
close()
