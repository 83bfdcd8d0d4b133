/**
 * npm run bench:traceback — a responsibility trace-back (责任倒查) on the city ledger (363 villages,
 * 500,000 hazards) through the API in-process, each beside a same-run baseline: one full pass of
 * the statistics (GET /api/stats/areas?level=village). Target ≤ 300 ms (issue 13). The city ledger
 * is the one bench:scorecards seeds into test-output/bench-cache (seeded here if missing); each run
 * works on a copy, as every trace-back writes its audit row. Pass --hazards N to change its size.
 */
import { parseArgs } from 'node:util'
import { openCity } from './city'
import { ms, ratio, report, timeAsync } from './support'

const { values } = parseArgs({ options: { hazards: { type: 'string', default: '500000' }, runs: { type: 'string', default: '20' } } })
const HAZARDS = Number(values.hazards)
const RUNS = Number(values.runs)
const TARGET_MS = 300
const { s, get, close } = await openCity('traceback', HAZARDS)

// The busiest places: the key site and the village label with the most hazards within 200 m.
const cols = s.ledger.columns
const near = (p: readonly [number, number], metres: number) => {
  const dLat = metres / 111_320
  const dLon = dLat / Math.cos((p[1] * Math.PI) / 180)
  let n = 0
  for (let i = 0; i < cols.n; i++) if (Math.abs(cols.lon[i]! - p[0]) <= dLon && Math.abs(cols.lat[i]! - p[1]) <= dLat) n++
  return n
}
const sites = s.store.sites.list()
const busiestSite = sites.slice(0, 300).reduce((best, site) => (near(site.location, 200) > near(best.location, 200) ? site : best), sites[0]!)
const villages = s.ledger.areas.byLevel.get('village')!.filter((v) => v.label)
const busiestVillage = villages.slice(0, 200).reduce((best, v) => (near(v.label!, 200) > near(best.label!, 200) ? v : best), villages[0]!)
const at = busiestVillage.label!.join(',')
const hazardId = cols.id[Math.floor(cols.n / 2)]!

const places = `${villages.length} villages, ${s.ledger.size.toLocaleString('en')} hazards`
const rows: Array<Record<string, string | number>> = []
const baseline = await timeAsync(() => get('/api/stats/areas?level=village'), RUNS)
rows.push({ what: 'baseline: GET /api/stats/areas?level=village', hazards: '', p50: ms(baseline.p50), p95: ms(baseline.p95), 'p95 / baseline': '1.00×', 'target ≤ 300 ms': '' })
for (const [what, query] of [
  [`key site ${busiestSite.name}, 200 m, 3 months`, `site=${busiestSite.id}`],
  [`point at ${busiestVillage.name}, 200 m, 3 months`, `at=${at}`],
  [`hazard #${hazardId}, 200 m, 3 months`, `hazard=${hazardId}`],
  [`point at ${busiestVillage.name}, 2,000 m, 12 months (the most one may ask)`, `at=${at}&radius=2000&months=12`],
] as const) {
  const body = JSON.parse(await get(`/api/traceback?${query}`)) as { hazards: unknown[]; checks: unknown[] }
  // The widest question is timed fewer times: it reads thousands of hazards' chains.
  const t = await timeAsync(() => get(`/api/traceback?${query}`), query.includes('months=12') ? Math.min(5, RUNS) : RUNS)
  rows.push({
    what: `GET /api/traceback: ${what}`, hazards: `${body.hazards.length} hazards, ${body.checks.length} checks`, p50: ms(t.p50), p95: ms(t.p95),
    'p95 / baseline': ratio(t.p95, baseline.p95), 'target ≤ 300 ms': query.includes('months=12') ? '(the most one may ask)' : t.p95 <= TARGET_MS ? 'met' : 'NOT MET',
  })
}
console.log(places)
report('traceback', rows)
close()
process.exit(0)
