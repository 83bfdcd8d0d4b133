/**
 * npm run bench:web — the desk map in headless Chromium (the e2e harness's flags), each figure
 * beside its baselines measured in the same run, on the town and on a 500,000-hazard ledger:
 *   (a) navigation → first idle with every layer on;
 *   (b) a category filter switched on and off → map idle again, p50/p95;
 *   (c) the JavaScript shipped, against a build importing all of ECharts.
 * Baselines: the naive path (a bare MapLibre page holding the whole ledger as one GeoJSON source,
 * filtered in JS then setData) and the floor (a bare MapLibre page drawing the app's own style
 * from the same tiles and data, without the app). Then (d, e) the phone's report form on a phone
 * profile beside the desk, and the phone page's JavaScript before the map (web-phone.ts).
 * Options: --hazards N, --rounds N, --city-rounds N, --toggles N, --naive-city-toggles N, --skip-city,
 * --phone-rounds N, --phone-only (just the phone part: builds the app, runs (d) and (e) on the town).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser } from 'playwright-core'
import { type AppServer, launchChromium, startServer } from '../e2e/harness'
import { report } from './support'
import { buildAndSize, buildFixtures, type Shipped } from './web-build'
import { type PageRun, type RunOptions, captureStyle, runApp, runBare, webglRenderer } from './web-pages'
import { measurePhone } from './web-phone'

const { values } = parseArgs({
  options: {
    hazards: { type: 'string', default: '500000' },
    rounds: { type: 'string', default: '3' },
    'city-rounds': { type: 'string', default: '2' },
    toggles: { type: 'string', default: '20' },
    'naive-city-toggles': { type: 'string', default: '10' },
    'skip-city': { type: 'boolean', default: false },
    'phone-rounds': { type: 'string', default: '3' },
    'phone-only': { type: 'boolean', default: false },
  },
})
const CATEGORY = 'safety_accident'
const toggles = Number(values.toggles)

const median = (xs: number[]) => quantile(xs, 0.5)
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN
}
const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`
const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

interface LedgerFigures {
  ledger: string
  hazards: number
  app: PageRun[]
  floor: PageRun[]
  naive: PageRun[]
}

async function measureLedger(browser: Browser, label: string, server: AppServer, dist: string, rounds: number, naiveToggles: number): Promise<LedgerFigures> {
  const hazards = Number(/\((\d+) hazards/.exec(server.output())?.[1] ?? NaN)
  const options: RunOptions = { category: CATEGORY, toggles, timeoutMs: 900_000 }
  const warm: RunOptions = { ...options, toggles: 2 }
  let camera = ''
  // A warm-up round, unmeasured: the server's tile and query caches and the disk cache are then
  // equally warm for every page measured after it. The app's style is captured for the floor.
  await runApp(browser, server.origin, warm, async (page) => {
    const captured = await captureStyle(page)
    camera = [...captured.camera.center, captured.camera.zoom].map((n) => n.toFixed(6)).join(',')
    writeFileSync(join(dist, 'bench', 'floor-style.json'), JSON.stringify(captured))
  })
  await runBare(browser, server.origin, 'floor', camera, warm)
  await runBare(browser, server.origin, 'naive', camera, { ...warm, toggles: Math.min(2, naiveToggles) })

  const figures: LedgerFigures = { ledger: label, hazards, app: [], floor: [], naive: [] }
  const pages = [
    () => runApp(browser, server.origin, options).then((r) => figures.app.push(r)),
    () => runBare(browser, server.origin, 'floor', camera, options).then((r) => figures.floor.push(r)),
    () => runBare(browser, server.origin, 'naive', camera, { ...options, toggles: naiveToggles }).then((r) => figures.naive.push(r)),
  ]
  for (let round = 0; round < rounds; round++) {
    // Each round starts with a different page, so drift over the run does not favour one.
    for (let i = 0; i < pages.length; i++) await pages[(round + i) % pages.length]!()
    console.log(`${label}: round ${round + 1}/${rounds} done`)
  }
  return figures
}

function firstIdleRow(f: LedgerFigures) {
  const [app, floor, naive] = [f.app, f.floor, f.naive].map((runs) => median(runs.map((r) => r.firstIdle))) as [number, number, number]
  return {
    ledger: f.ledger, hazards: f.hazards,
    'app first idle (median)': ms(app),
    'floor: bare MapLibre, same layers': ms(floor), 'app / floor': x(app, floor),
    'naive: whole ledger as GeoJSON': ms(naive), 'app / naive': x(app, naive),
    rounds: f.app.length,
  }
}

function filterRow(f: LedgerFigures) {
  const pooled = (runs: PageRun[]) => runs.flatMap((r) => r.filters)
  const [app, floor, naive] = [pooled(f.app), pooled(f.floor), pooled(f.naive)]
  return {
    ledger: f.ledger, hazards: f.hazards,
    'app p50': ms(median(app)), 'app p95': ms(quantile(app, 0.95)),
    'floor (setTiles) p50': ms(median(floor)), 'floor p95': ms(quantile(floor, 0.95)), 'app / floor (p95)': x(quantile(app, 0.95), quantile(floor, 0.95)),
    'naive (JS filter + setData) p50': ms(median(naive)), 'naive p95': ms(quantile(naive, 0.95)), 'app / naive (p95)': x(quantile(app, 0.95), quantile(naive, 0.95)),
    samples: `${app.length} / ${floor.length} / ${naive.length}`,
  }
}

function shippedRow(build: string, s: Shipped) {
  return {
    build, files: s.files,
    'all JS, minified': kb(s.minified), 'all JS, gzip': kb(s.gzip),
    'maplibre-gl, minified': kb(s.maplibre.minified), 'maplibre-gl, gzip': kb(s.maplibre.gzip),
    'everything else, minified': kb(s.other.minified), 'everything else, gzip': kb(s.other.gzip),
  }
}

/** Other work on the machine skews every figure alike; the load is printed so a reader can judge. */
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ')
const loadAtStart = load()
const work = mkdtempSync(join(tmpdir(), 'pingan-bench-web-'))
const dist = join(work, 'dist')
try {
  if (values['phone-only']) {
    console.log('building the app from the working tree…')
    await buildAndSize('vite.config.ts', dist)
    const browser = await launchChromium()
    const town = await startServer({ env: { WEB_DIST: dist } })
    try {
      const phone = await measurePhone(browser, town.origin, dist, Number(values['phone-rounds']), report)
      console.log(`load average (1 / 5 / 15 min) at start ${loadAtStart}, at end ${load()}, on ${availableParallelism()} CPUs`)
      mkdirSync(join('test-output', 'bench'), { recursive: true })
      writeFileSync(join('test-output', 'bench', 'web-phone.json'), JSON.stringify({ load: { start: loadAtStart, end: load(), cpus: availableParallelism() }, phone }, null, 2))
    } finally {
      await town.stop()
      await browser.close()
    }
  } else {
    console.log('building the app from the working tree, the bare pages, and the all-of-ECharts variant…')
    const shipped = await buildAndSize('vite.config.ts', dist)
    await buildFixtures(dist)
    const allEcharts = await buildAndSize('tests/bench/web-echarts-all.vite.config.ts', join(work, 'dist-echarts-all'))

    const browser = await launchChromium()
    const webgl = await webglRenderer(browser)
    console.log(`WebGL: ${webgl.renderer} (${webgl.vendor}; ${webgl.version})`)

    const ledgers: LedgerFigures[] = []
    let phone: Awaited<ReturnType<typeof measurePhone>> | undefined
    const town = await startServer({ env: { WEB_DIST: dist } })
    try {
      ledgers.push(await measureLedger(browser, 'town', town, dist, Number(values.rounds), toggles))
      phone = await measurePhone(browser, town.origin, dist, Number(values['phone-rounds']), report)
    } finally {
      await town.stop()
    }
    if (!values['skip-city']) {
      console.log(`seeding the city (all of Pingdu) with ${Number(values.hazards).toLocaleString('en')} hazards…`)
      const city = await startServer({ env: { WEB_DIST: dist, SCOPE: 'city', HAZARDS: values.hazards }, timeoutMs: 900_000 })
      try {
        ledgers.push(await measureLedger(browser, `${Number(values.hazards).toLocaleString('en')} hazards`, city, dist, Number(values['city-rounds']), Number(values['naive-city-toggles'])))
      } finally {
        await city.stop()
      }
    }
    await browser.close()

    // What the desk itself loads (the wall, the work forms and the login page are lazy chunks).
    const deskScripts = new Set(ledgers[0]!.app.flatMap((r) => r.scripts).map((p) => p.split('/').at(-1)!))
    const deskBytes = [...deskScripts].reduce((sum, name) => sum + (shipped.sizes[name] ?? 0), 0)

    console.log(`\nWebGL renderer: ${webgl.renderer}`)
    console.log(`load average (1 / 5 / 15 min) at start ${loadAtStart}, at end ${load()}, on ${availableParallelism()} CPUs`)
    console.log('\n(a) navigation → first idle, every layer on (targets: town ≤ 2.5 s and ≤ 1.2× the floor; city ≤ 0.2× naive)')
    report('web-first-idle', ledgers.map(firstIdleRow))
    console.log(`\n(b) category filter → map idle again, ${toggles} toggles a page (targets: town p95 ≤ 100 ms, city p95 ≤ 300 ms, ≤ 1.2× the floor)`)
    report('web-filter', ledgers.map(filterRow))
    console.log('\n(c) JavaScript shipped, every dist/assets/*.js and *.mjs (targets: all but maplibre-gl ≤ 500 KB minified; total ≤ 1.3 MB minified)')
    report('web-js', [shippedRow('the app', shipped), shippedRow('the app importing all of echarts', allEcharts), { build: 'the desk page loads', files: deskScripts.size, 'all JS, minified': kb(deskBytes) }])

    const problems = ledgers.flatMap((l) => [...l.app, ...l.floor, ...l.naive].flatMap((r) => r.problems))
    if (problems.length) console.warn(`\npages reported problems:\n${[...new Set(problems)].join('\n')}`)
    mkdirSync(join('test-output', 'bench'), { recursive: true })
    writeFileSync(
      join('test-output', 'bench', 'web.json'),
      JSON.stringify({ webgl, load: { start: loadAtStart, end: load(), cpus: availableParallelism() }, toggles, category: CATEGORY, shipped, allEcharts, deskScripts: [...deskScripts], ledgers: ledgers.map((l) => ({ ...l, app: l.app.map(strip), floor: l.floor.map(strip), naive: l.naive.map(strip) })), phone, problems }, null, 2),
    )
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}

function strip(r: PageRun) {
  return { firstIdle: r.firstIdle, filters: r.filters, problems: r.problems }
}
