import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionBody } from '../server/support/walk'
import { type AppPage, useAppServer } from './harness'
import { type ApiSession, apiSession, ok } from './live-api'
import { addDays, openPanel } from './records-support'

/**
 * XSS: hostile text written through the API (and the import forms) into every text field a user
 * can write — hazard title and description, assessment measures, responsible unit and person,
 * rectification, verification and comment notes, escalation reasons, campaign names and goals,
 * inspection inspectors, checks and findings, visit notes and visitors, imported cells and boundary
 * names — then every page that shows them opened in Chromium: the desk's hazard card, the work
 * queues, the wall and its ticker, the bulletin (page and server HTML) and the records tabs.
 * Each payload, if it ever ran, would call window.__xss(n): 0 calls, and 0 dialogs. The pages'
 * Content-Security-Policy forbids inline script, so markup injected into them would be stopped
 * there rather than run: each script the CSP refuses counts as an execution too, or this test
 * could not tell escaped text from injected markup.
 */
const RAW = [
  '<script>__xss(N)</script>',
  '<img src=x onerror=__xss(N)>',
  '<svg onload=__xss(N)>',
  '<svg><script>__xss(N)</script></svg>',
  '"><img src=x onerror=__xss(N)>',
  "'><img src=x onerror=__xss(N)>",
  '</textarea><img src=x onerror=__xss(N)>',
  '</title><img src=x onerror=__xss(N)>',
  '<iframe srcdoc="<script>parent.__xss(N)</script>">',
  '<a href="javascript:__xss(N)">x</a>',
  'javascript:__xss(N)',
  "{{constructor.constructor('__xss(N)')()}}",
  '{{$el.ownerDocument.defaultView.__xss(N)}}',
  '<div v-html="\'<img src=x onerror=__xss(N)>\'"></div>',
  '<details open ontoggle=__xss(N)>',
  '<body onload=__xss(N)>',
  '<input autofocus onfocus=__xss(N)>',
  '<video><source onerror=__xss(N)></video>',
  '<audio src=x onerror=__xss(N)>',
  '<object data="javascript:__xss(N)">',
  '<embed src="javascript:__xss(N)">',
  '<math><mtext><img src=x onerror=__xss(N)>',
  "<style>@import'javascript:__xss(N)'</style>",
  '<div style="background:url(javascript:__xss(N))">',
  '<x style="x:expression(__xss(N))">',
  '＜script＞__xss(N)＜/script＞',
  '\\u003cimg src=x onerror=__xss(N)\\u003e',
  '&lt;img src=x onerror=__xss(N)&gt;',
  '<img src=x onerror=&#95;_xss(N)>',
  '<scr<script>ipt>__xss(N)</scr</script>ipt>',
  'x" onerror="__xss(N)',
  "' onmouseover='__xss(N)' x='",
  '<marquee onstart=__xss(N)>',
  '<img src=x onerror=__xss(N)>\u202e\u200b',
  '<base href="javascript:__xss(N)//">',
  '<meta http-equiv=refresh content=0;url=javascript:__xss(N)>',
  '<form><button formaction=javascript:__xss(N)>x',
  '${__xss(N)}',
  "<img src=x onerror=\"window['__x'+'ss'](N)\">",
  '<svg><animate onbegin=__xss(N) attributeName=x dur=1s>',
]
const PAYLOADS = RAW.map((p, n) => p.replace('N', String(n)))
/** Payloads grouped so each group fits a text field of `max` characters. */
function groups(max: number): string[] {
  const out: string[] = []
  for (const p of PAYLOADS) {
    const last = out.at(-1)
    if (last !== undefined && last.length + 1 + p.length <= max) out[out.length - 1] = `${last}\n${p}`
    else out.push(p)
  }
  return out
}
/**
 * The server's today: the last day of the running month in China. Escalations are stamped by the
 * clock, not by AS_OF, and a bulletin lists those of its own month up to its today, so only the
 * running month's bulletin can list hazards escalated during this run; its last day rather than
 * today's date keeps a run that crosses midnight inside that month.
 */
const chinaNow = new Date(Date.now() + 8 * 3_600_000)
const MONTH = chinaNow.toISOString().slice(0, 7)
const TODAY = new Date(Date.UTC(chinaNow.getUTCFullYear(), chinaNow.getUTCMonth() + 1, 0)).toISOString().slice(0, 10)


describe('hostile text in every field a user writes', () => {
  const env = useAppServer({ asOf: TODAY, env: { CAMPAIGNS_PER_DAY: '1000', CAMPAIGNS_OPEN_MAX: '1000' } })
  /** every call of window.__xss, with the page it came from */
  const executed: string[] = []
  const problems: string[] = []
  let village: { id: string; label: [number, number] }
  let grid: string
  const rich: number[] = []
  const titled: number[] = []

  /** A demo account's typed API session (the same client as the web's). */
  const api = (username: string): Promise<ApiSession> => apiSession(env.origin, username)

  /** Opens a page with the markers installed before any script of the app runs. */
  async function open(path: string, user: string, what: string): Promise<AppPage> {
    const prepare = async (context: BrowserContext) => {
      await context.exposeFunction('__xss', (n: number) => void executed.push(`${what}: payload ${n} ran: ${RAW[n]}`))
      await context.exposeFunction('__xssRefused', (report: string) => void executed.push(`${what}: the CSP refused a script the page was given: ${report}`))
      await context.addInitScript(() => {
        const w = window as unknown as { __xssRefused(report: string): void }
        document.addEventListener('securitypolicyviolation', (e) => {
          if (!e.effectiveDirective.startsWith('script-src')) return
          const where = e.target instanceof Element ? e.target.outerHTML.slice(0, 160) : e.blockedURI
          w.__xssRefused(`${e.effectiveDirective} ${where}`)
        }, true)
      })
    }
    const app = await env.open('about:blank', { user, prepare })
    app.page.on('dialog', (d) => {
      executed.push(`${what}: a ${d.type()} dialog: ${d.message()}`)
      void d.dismiss()
    })
    await app.page.goto(path)
    return app
  }
  /** Lets the page settle, then keeps what it reported. */
  async function done(app: AppPage, what: string): Promise<void> {
    await app.page.waitForTimeout(1_500)
    problems.push(...app.problems().map((p) => `${what}: ${p}`))
    await app.close()
  }
  const shows = (page: Page, text: string) => page.evaluate((t) => document.body.innerText.includes(t), text)
  /** Which of `texts` the page does not show as text: the control that the payloads did reach it. */
  const missing = (page: Page, texts: readonly string[]) => page.evaluate((ts) => ts.filter((t) => !document.body.innerText.includes(t)), texts)

  beforeAll(async () => {
    const leader = await api('leader')
    const district1 = await api('district-1')
    const d1 = (await ok(district1.api.auth.me.$get())).user.areaId
    const villages = await ok(leader.api.areas.$get({ query: { level: 'village' } }))
    village = villages.features.map((f) => f.properties).find((v) => v.parentId === d1)!
    grid = `grid-${village.id}`
    // Every payload fits the shortest field it goes into (a responsible person: 60 characters).
    expect(PAYLOADS.filter((p) => p.length > 60)).toEqual([])
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(30)
    const worker = await api(grid)
    type H = { id: number; version: number }
    const step = async (as: ApiSession, h: H, body: ActionBody) =>
      (await ok(as.api.hazards[':id'].actions.$post({ param: { id: String(h.id) }, json: { ...body, version: h.version } }))).hazard
    const report = async (title: string, description: string) =>
      (await ok(worker.api.hazards.$post({ json: { category: 'safety_accident', item: 'fire', title, description, location: village.label, source: 'routine' } }), 201)).hazard

    // Hazards whose long fields hold the payloads in groups: their cards show every payload in every field.
    const long = groups(2000)
    for (const [k, text] of long.entries()) {
      let h = await report(PAYLOADS[k]!, text)
      h = await step(district1, h, { action: 'assess', level: 'major', measures: text })
      h = await step(district1, h, { action: 'assign', responsibleUnit: PAYLOADS[k]!, responsiblePerson: PAYLOADS[k]!, deadline: addDays(TODAY, 5) })
      h = await step(worker, h, { action: 'start' })
      h = await step(worker, h, { action: 'rectify', note: text })
      h = await step(district1, h, { action: 'verify', passed: false, note: text })
      h = await step(worker, h, { action: 'escalate', reason: text })
      h = await step(district1, h, { action: 'comment', note: text })
      h = await step(leader, h, { action: 'comment', note: text })
      rich.push(h.id)
    }
    // One hazard per payload in the short fields (title, responsible unit and person), assigned and
    // escalated: the grid worker's queue (to rectify) and the leader's (escalated) list them all, and
    // being major they head the bulletin's escalations, which go most severe first.
    for (const p of PAYLOADS) {
      let h = await report(p, p)
      h = await step(district1, h, { action: 'assess', level: 'major', measures: p })
      h = await step(district1, h, { action: 'assign', responsibleUnit: p, responsiblePerson: p, deadline: addDays(TODAY, 1) })
      h = await step(worker, h, { action: 'escalate', reason: p })
      titled.push(h.id)
    }
    // And one per payload just reported: the district officer's queue lists them to assess (assigned
    // and rectifying hazards wait for the village, not for the district).
    for (const p of PAYLOADS) await report(p, p)
    // Campaigns named by the payloads, holding the hazards; inspections written with them.
    const analyst = await api('analyst')
    for (const [i, p] of PAYLOADS.entries()) {
      const { campaign } = await ok(analyst.api.campaigns.$post({ json: { name: p, goal: long[i % long.length]!, deadline: addDays(TODAY, 90) } }), 201)
      if (i === 0) await ok(analyst.api.campaigns[':id'].hazards.$post({ param: { id: String(campaign.id) }, json: { add: [...rich, ...titled] } }))
      await ok(worker.api.inspections.$post({ json: { source: 'routine', areaId: village.id, date: TODAY, inspectors: p, checked: p, findings: long[i % long.length] } }), 201)
    }
    // The records tab lists the 20 newest inspections by their inspectors: the last written today
    // carry every payload among them (inspectors: at most 200 characters).
    for (const text of groups(200)) await ok(worker.api.inspections.$post({ json: { source: 'routine', areaId: village.id, date: TODAY, inspectors: text, checked: text } }), 201)
  }, 600_000)

  afterAll(() => {
    if (problems.length) console.log(`what the pages reported (not failures by themselves):\n${problems.join('\n')}`)
  })

  it('the desk: the hazard cards', async () => {
    for (const id of [...rich, titled[0]!, titled.at(-1)!]) {
      const app = await open(`/?hazard=${id}`, 'leader', `desk card ${id}`)
      await app.page.getByTestId('hazard-card').waitFor({ timeout: 60_000 })
      await expect.poll(() => shows(app.page, '__xss('), { timeout: 30_000 }).toBe(true)
      await done(app, `desk card ${id}`)
    }
    expect(executed).toEqual([])
  })

  it('the work queues of the grid worker, the district officer and the leader', async () => {
    // Each lists every payload as a title: to rectify and just reported (grid), to assess (district), escalated (leader).
    for (const user of [grid, 'district-1', 'leader']) {
      const app = await open('/work', user, `work queue of ${user}`)
      await app.page.getByTestId('work-item').first().waitFor({ timeout: 30_000 })
      await expect.poll(() => missing(app.page, PAYLOADS), { timeout: 10_000 }).toEqual([])
      await done(app, `work queue of ${user}`)
    }
    expect(executed).toEqual([])
  })

  it('the wall and its ticker, while payloads are written', async () => {
    const app = await open('/wall?tour=off', 'wall', 'wall')
    await app.page.waitForTimeout(3_000)
    const district1 = await api('district-1')
    for (const id of titled.slice(0, 5)) {
      const { hazard } = await ok(district1.api.hazards[':id'].$get({ param: { id: String(id) } }))
      await ok(district1.api.hazards[':id'].actions.$post({ param: { id: String(id) }, json: { action: 'comment', version: hazard.version, note: PAYLOADS[0]! } }))
    }
    await app.page.waitForTimeout(4_000)
    await done(app, 'wall')
    expect(executed).toEqual([])
  })

  it('the bulletin: the page, and the server’s printable HTML', async () => {
    // The month's top escalations go most severe first: the planted major ones lead it, titled by payloads.
    const bulletin = await ok((await api('leader')).api.bulletins[':month'].$get({ param: { month: MONTH }, query: { format: 'json' } }))
    if (typeof bulletin !== 'object' || !('topEscalated' in bulletin)) throw new Error('the bulletin did not come as JSON')
    const { topEscalated } = bulletin
    const listed = topEscalated.flatMap((i) => (i.title !== null && PAYLOADS.includes(i.title) ? [i.title] : []))
    expect(listed.length, 'planted hazards among the bulletin’s top escalations').toBeGreaterThanOrEqual(5)
    const page = await open(`/bulletin/${MONTH}`, 'leader', 'bulletin page')
    await page.page.locator('[data-items="escalated"]').waitFor({ timeout: 30_000 })
    await expect.poll(() => missing(page.page, listed), { timeout: 10_000 }).toEqual([])
    await done(page, 'bulletin page')
    const html = await open(`/api/bulletins/${MONTH}?format=html`, 'leader', 'bulletin html')
    expect(await missing(html.page, listed)).toEqual([])
    await done(html, 'bulletin html')
    expect(executed).toEqual([])
  })

  it('the records tabs: inspections, campaigns, persons and their visits', async () => {
    const app = await open('/work', 'leader', 'records')
    const { page } = app
    await openPanel(page, 'InspectionsPanel')
    await page.getByTestId('inspection-list').waitFor({ timeout: 30_000 })
    await expect.poll(() => missing(page, PAYLOADS), { timeout: 10_000 }).toEqual([])
    await openPanel(page, 'CampaignsPanel')
    await expect.poll(() => page.getByTestId('campaign-list').innerText(), { timeout: 30_000 }).toContain('__xss(')
    await openPanel(page, 'PersonsPanel')
    const first = page.locator('[data-testid="persons"] tbody tr[data-person-id]').first()
    await first.waitFor({ timeout: 20_000 })
    const id = await first.getAttribute('data-person-id')
    const leader = await api('leader')
    for (const [i, p] of PAYLOADS.entries()) await ok(leader.api.persons[':id'].visits.$post({ param: { id: id! }, json: { date: TODAY, visitors: p, note: groups(2000)[i % groups(2000).length]! } }), 201)
    await first.getByTestId('reveal').click()
    await page.getByTestId('reveal-reason').fill('核查走访记录')
    await page.getByTestId('reveal-confirm').click()
    const revealed = page.locator(`[data-testid="persons"] tr[data-person-id="${id}"]`)
    await expect.poll(() => revealed.getAttribute('data-masked'), { timeout: 20_000 }).toBe('false')
    await revealed.getByTestId('visits').click()
    await expect.poll(() => page.getByTestId('person-visits').innerText(), { timeout: 20_000 }).toContain('__xss(')
    await done(app, 'records')
    expect(executed).toEqual([])
  })

  it('the import forms: cells of a CSV, and boundary names', async () => {
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`
    const [lon, lat] = village.label
    const rows = PAYLOADS.flatMap((p) => [
      [p, 'safety_accident', 'fire', '经常性自查', lon, lat],
      [p, p, p, p, lon, lat],
    ])
    const csv = ['标题,风险类别,排查重点,发现方式,经度,纬度', ...rows.map((r) => r.map((c) => quote(String(c))).join(','))].join('\n')
    const files = await open('/work', grid, 'ledger import')
    await openPanel(files.page, 'LedgerFilesPanel')
    await files.page.getByTestId('import-file').setInputFiles({ name: 'import.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
    await files.page.getByTestId('import-submit').click()
    await files.page.getByTestId('import-result').waitFor({ timeout: 30_000 })
    expect(Number(await files.page.getByTestId('import-result').getAttribute('data-created'))).toBe(PAYLOADS.length)
    await done(files, 'ledger import')

    const [x, y] = village.label
    const square = (d: number) => ({ type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] })
    const geojson = JSON.stringify({ type: 'FeatureCollection', features: PAYLOADS.map((p, i) => ({ type: 'Feature', properties: { name: p }, geometry: square(0.001 + i * 0.0001) })) })
    const admin = await open('/work', 'admin', 'boundary import')
    await openPanel(admin.page, 'BoundaryImportPanel')
    await admin.page.getByTestId('boundary-file').setInputFiles({ name: 'villages.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(geojson, 'utf8') })
    await admin.page.locator('select[name="level"]').selectOption('village')
    await admin.page.locator('input[name="matchBy"][value="name"]').check()
    await admin.page.getByTestId('boundary-field').fill('name')
    await admin.page.getByTestId('boundary-submit').click()
    await admin.page.getByTestId('boundary-failure').waitFor({ timeout: 30_000 })
    await done(admin, 'boundary import')

    // The imported hazards' titles, in the desk's card and the queue.
    const queue = await open('/work', grid, 'queue after import')
    await expect.poll(() => shows(queue.page, '__xss('), { timeout: 60_000 }).toBe(true)
    await done(queue, 'queue after import')
    expect(executed).toEqual([])
  })
})
