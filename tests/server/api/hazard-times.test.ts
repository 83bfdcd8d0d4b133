import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultLimits, reportDelayHours, reportTimeliness } from '../../../server/domain/accountability'
import type { HazardReport } from '../../../server/domain/contract/hazards'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import { toDay } from '../../../server/domain/days'
import type { Hazard, Site } from '../../../server/domain/schemas'
import { accountabilityLimits, readEnv } from '../../../server/env'
import { ledgerNow, reportTimes } from '../../../server/services/hazard-times'
import { ReportTiming } from '../../../server/seed/ledger/times'
import { Random } from '../../../server/seed/random'
import { reportDelayMinutes } from '../../../server/services/ledger/columns'
import type { LedgerIndex } from '../../../server/services/ledger'
import { startServices } from '../../../server/start'
import { AS_OF, type Client, type TestApp } from '../support/app'
import { type HazardProps, areasOf, districtAccount, gridAccount, ok, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { act, reportBody } from '../support/walk'

/**
 * A hazard's three times (issue 13): found (发现), reported (登记) and received, stored, shown, checked
 * and indexed; the demo's late and concealed reports. AS_OF pins the ledger's today to 2026-11-28;
 * the seeded campaign started a year before it, on 2025-11-29.
 */

let t: TestApp
let leader: Client
let grid: Client
let district: Client
let village: AreaProperties
/** the seeded hazards are 1 … seeded; this file's reports come after */
let seededCount: number

beforeAll(async () => {
  t = await openSeededApp()
  seededCount = t.services.store.hazards.count()
  leader = await t.as('leader')
  village = (await areasOf(leader, 'village'))[0]!
  grid = await t.as(gridAccount(village.id))
  district = await t.as(await districtAccount(t, village.parentId!))
})
afterAll(() => t.close())

const send = (body: Partial<HazardReport>, as = grid) => as.api.hazards.$post({ json: { ...reportBody, location: village.label, ...body } })
const reported = async (body: Partial<HazardReport>) => (await ok(send(body), 201)).hazard
const storedCount = () => t.services.store.hazards.count()

describe('a report’s three times', () => {
  it('keeps the found and reported times given, in China time, and the day found as discoveredAt', async () => {
    const h = await reported({ foundAt: '2026-11-27T06:30:00Z', reportedAt: '2026-11-27T07:15:30+00:00' })
    expect(h).toMatchObject({ foundAt: '2026-11-27T14:30:00+08:00', reportedAt: '2026-11-27T15:15:30+08:00', discoveredAt: '2026-11-27' })
    expect(h.receivedAt.slice(0, 10)).toBe(AS_OF)
    // Shown the same by the detail, the list and the store.
    const { hazard } = await ok(leader.api.hazards[':id'].$get({ param: { id: String(h.id) } }))
    expect([hazard.foundAt, hazard.reportedAt, hazard.receivedAt]).toEqual([h.foundAt, h.reportedAt, h.receivedAt])
    const listed = (await ok(grid.api.hazards.$get({ query: { limit: '1' } }))).features[0]!.properties
    expect([listed.id, listed.foundAt, listed.reportedAt, listed.receivedAt]).toEqual([h.id, h.foundAt, h.reportedAt, h.receivedAt])
    expect(t.services.store.hazards.get(h.id)).toMatchObject({ foundAt: h.foundAt, reportedAt: h.reportedAt, receivedAt: h.receivedAt })
  })

  it('takes now for all three when none is given, on the ledger’s today', async () => {
    const h = await reported({})
    expect(h.foundAt).toBe(h.reportedAt)
    expect(h.reportedAt).toBe(h.receivedAt)
    expect(h.discoveredAt).toBe(AS_OF)
    expect(h.foundAt).toMatch(/^2026-11-28T\d\d:\d\d:\d\d\+08:00$/)
  })

  it('finds a hazard given only its day at 09:00 of that day, reported and received now', async () => {
    const h = await reported({ discoveredAt: '2026-11-20' })
    expect(h).toMatchObject({ discoveredAt: '2026-11-20', foundAt: '2026-11-20T09:00:00+08:00' })
    expect(h.reportedAt).toBe(h.receivedAt)
    expect(h.reportedAt.slice(0, 10)).toBe(AS_OF)
  })

  it('takes an offline phone’s found and queued times, received now', async () => {
    const h = await reported({ foundAt: '2026-11-26T16:40:00+08:00', reportedAt: '2026-11-26T16:52:00+08:00', discoveredAt: '2026-11-26' })
    expect(h).toMatchObject({ foundAt: '2026-11-26T16:40:00+08:00', reportedAt: '2026-11-26T16:52:00+08:00', discoveredAt: '2026-11-26' })
    expect(h.receivedAt > h.reportedAt).toBe(true)
  })

  const refusals: Array<[string, Partial<HazardReport>, string, string]> = [
    ['a found time in the future (beyond five minutes)', { foundAt: '2026-11-29T00:10:00+08:00' }, 'foundAt', 'in the future'],
    ['a found time before the campaign', { foundAt: '2025-11-28T23:00:00+08:00' }, 'foundAt', 'before the campaign started (2025-11-29)'],
    ['a found time after the reported time', { foundAt: '2026-11-27T12:00:00+08:00', reportedAt: '2026-11-27T11:59:00+08:00' }, 'foundAt', 'after reportedAt'],
    ['a reported time in the future', { reportedAt: '2026-11-29T00:10:00+08:00' }, 'reportedAt', 'in the future'],
    ['a discovered day that is not the found time’s', { foundAt: '2026-11-27T00:30:00+08:00', discoveredAt: '2026-11-26' }, 'discoveredAt', 'not the day of foundAt (2026-11-27)'],
    ['a discovered day before the campaign', { discoveredAt: '2025-11-01' }, 'discoveredAt', 'before the campaign started (2025-11-29)'],
    ['a discovered day after the reported time', { discoveredAt: '2026-11-27', reportedAt: '2026-11-26T18:00:00+08:00' }, 'discoveredAt', 'after reportedAt'],
  ]
  for (const [what, body, field, message] of refusals)
    it(`refuses ${what} with 422 naming ${field}, and writes nothing`, async () => {
      const before = [storedCount(), t.services.ledger.size, t.services.live.lastSeq]
      const answer = await read<{ error: { code: string; details: unknown } }>(send(body), 422)
      expect(answer.error).toMatchObject({ code: 'bad_time', details: [{ field, message }] })
      expect([storedCount(), t.services.ledger.size, t.services.live.lastSeq]).toEqual(before)
    })

  it('refuses a found time that is not an instant with an offset with 400 naming foundAt', async () => {
    const answer = await read<{ error: { details: Array<{ field: string }> } }>(send({ foundAt: '2026-11-27 10:00' }), 400)
    expect(answer.error.details.map((d) => d.field)).toEqual(['foundAt'])
  })
})

describe('the times by the ledger’s clock', () => {
  // 10:00 in China on a real day; the ledger's today is pinned to AS_OF.
  const clock = Date.parse('2026-12-06T02:00:00Z')
  const times = (input: Partial<HazardReport>) => reportTimes(t.services, input, clock)

  it('puts now on the pinned day at the clock’s time of day', () => {
    expect(new Date(ledgerNow(t.services, clock)).toISOString()).toBe('2026-11-28T02:00:00.000Z')
    expect(times({})).toEqual({ discoveredAt: AS_OF, foundAt: '2026-11-28T10:00:00+08:00', reportedAt: '2026-11-28T10:00:00+08:00', receivedAt: '2026-11-28T10:00:00+08:00' })
  })

  it('believes a phone whose clock runs up to five minutes ahead, taking the server’s now', () => {
    expect(times({ foundAt: '2026-11-28T10:04:00+08:00', reportedAt: '2026-11-28T10:05:00+08:00' })).toMatchObject({ foundAt: '2026-11-28T10:00:00+08:00', reportedAt: '2026-11-28T10:00:00+08:00' })
    expect(() => times({ foundAt: '2026-11-28T10:05:01+08:00' })).toThrow('foundAt: in the future')
  })

  it('finds a hazard of today reported before 09:00 when it was reported', () => {
    const early = Date.parse('2026-12-06T23:30:00Z') // 07:30 on 7 December in China
    expect(reportTimes(t.services, { discoveredAt: AS_OF }, early)).toMatchObject({ foundAt: '2026-11-28T07:30:00+08:00', reportedAt: '2026-11-28T07:30:00+08:00' })
  })
})

describe('the ledger index’s time and site columns', () => {
  /** The columns of one hazard as the index holds them, with its site by id. */
  const columnsOf = (ledger: LedgerIndex, id: number) => {
    const c = ledger.columns
    const i = c.slotOf(id)!
    return { reportDelay: c.reportDelay[i], rectified: c.rectified[i], site: c.sites.idOf(c.site[i]!) }
  }
  /** What the columns must hold for a stored hazard. */
  const expected = (h: Hazard) => ({
    reportDelay: reportDelayMinutes(h.foundAt, h.reportedAt),
    rectified: h.rectifiedAt ? toDay(h.rectifiedAt) : 0,
    site: h.siteId,
  })
  let site: Site
  let atSite: HazardProps

  beforeAll(async () => {
    site = t.services.store.sites.list({ villageIds: [village.id] })[0]!
    atSite = (await ok(send({ location: site.location, siteId: site.id, foundAt: '2026-11-25T08:10:00+08:00', reportedAt: '2026-11-26T11:40:00+08:00' }), 201)).hazard
  })

  it('holds the whole minutes from found to reported and the site of a new report', () => {
    expect(columnsOf(t.services.ledger, atSite.id)).toEqual({ reportDelay: 27 * 60 + 30, rectified: 0, site: site.id })
    expect(t.services.ledger.columns.sites.find(site.id)).toBe(t.services.ledger.columns.site[t.services.ledger.columns.slotOf(atSite.id)!])
  })

  it('holds the rectification’s day after the rectify step, and none again after a failed verification', async () => {
    let h = (await ok(act(district, atSite, { action: 'assess', level: 'general', measures: '清理更换灭火器' }))).hazard
    h = (await ok(act(district, h, { action: 'assign', responsibleUnit: '农资店', responsiblePerson: '王立国' }))).hazard
    h = (await ok(act(grid, h, { action: 'start' }))).hazard
    h = (await ok(act(grid, h, { action: 'rectify', note: '已更换灭火器', noPhotoReason: '旧器材已回收' }))).hazard
    expect(columnsOf(t.services.ledger, h.id)).toEqual({ reportDelay: 1650, rectified: toDay(AS_OF), site: site.id })
    h = (await ok(act(district, h, { action: 'verify', passed: false, note: '整改不彻底' }))).hazard
    expect(columnsOf(t.services.ledger, h.id).rectified).toBe(0)
    atSite = h
  })

  it('equals the store’s rows for every hazard, and again after a restart', async () => {
    const check = (ledger: LedgerIndex) => {
      const ids = [...t.services.store.hazards.scanIndexed()].map((h) => h.id)
      expect(ledger.size).toBe(ids.length)
      for (const h of t.services.store.hazards.getMany(ids)) expect(columnsOf(ledger, h.id), `hazard ${h.id}`).toEqual(expected(h))
    }
    check(t.services.ledger)
    const again = await startServices(t.services.env)
    try {
      check(again.ledger)
    } finally {
      again.store.close()
    }
  })
})

describe('the accountability limits', () => {
  it('default to 24 hours, 7 days and 3 days and are read from the configuration', () => {
    expect(accountabilityLimits(readEnv({}))).toEqual(defaultLimits)
    expect(accountabilityLimits(readEnv({ REPORT_LIMIT_HOURS: '12', CONCEALED_AFTER_DAYS: '5', VERIFY_LIMIT_DAYS: '2' }))).toEqual({ reportLimitHours: 12, concealedAfterDays: 5, verifyLimitDays: 2 })
    expect(() => readEnv({ REPORT_LIMIT_HOURS: '0' })).toThrow('REPORT_LIMIT_HOURS')
  })

  it('reach the web with the public health answer', async () => {
    expect((await ok(t.anonymous.api.health.$get())).limits).toEqual({ reportLimitHours: 24, concealedAfterDays: 7, verifyLimitDays: 3 })
  })
})

describe('ledger files', () => {
  it('export 发现时间, 登记时间 and 接收时间 beside 发现日期', async () => {
    const res = await leader.get(`/api/hazards/export?area=${village.id}&format=xlsx`)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const head = (wb.getWorksheet('隐患台账')!.getRow(1).values as unknown[]).slice(1)
    const at = head.indexOf('发现日期')
    expect(head.slice(at, at + 4)).toEqual(['发现日期', '发现时间', '登记时间', '接收时间'])
  })

  it('import a row as found at 09:00 of its discovered date, reported and received at the import', async () => {
    const header = ['标题', '风险类别', '排查重点', '发现方式', '发现日期', '经度', '纬度']
    const line = ['出租屋电动车违规充电', '安全事故', '消防安全', '经常性自查', '2026-11-20', String(village.label[0]), String(village.label[1])]
    const form = new FormData()
    form.append('file', new File([new TextEncoder().encode(`${header.join(',')}\r\n${line.join(',')}`)], 'ledger.csv'))
    const result = await read<{ created: number }>(grid.raw('/api/hazards/import', { method: 'POST', body: form }))
    expect(result.created).toBe(1)
    const h = t.services.store.hazards.get(t.services.store.hazards.count())!
    expect(h).toMatchObject({ title: '出租屋电动车违规充电', discoveredAt: '2026-11-20', foundAt: '2026-11-20T09:00:00+08:00' })
    expect(h.reportedAt).toBe(h.receivedAt)
    expect(h.reportedAt.slice(0, 10)).toBe(AS_OF)
  })
})

describe('the demo’s report times', () => {
  let seeded: Hazard[]
  beforeAll(() => {
    seeded = t.services.store.hazards.getMany(Array.from({ length: seededCount }, (_, i) => i + 1))
    expect(seeded).toHaveLength(seededCount)
  })
  const timeliness = (h: Hazard) => reportTimeliness(reportDelayHours(h.foundAt, h.reportedAt), defaultLimits)
  const share = (hs: Hazard[], kind: string) => hs.filter((h) => timeliness(h) === kind).length / hs.length

  it('are found in working hours, reported no earlier and received no earlier than reported', () => {
    for (const h of seeded) {
      expect(h.foundAt.slice(11, 16) >= '08:00' && h.foundAt.slice(11, 16) <= '17:30', h.foundAt).toBe(true)
      expect(h.foundAt.slice(0, 10)).toBe(h.discoveredAt)
      expect(h.foundAt <= h.reportedAt && h.reportedAt <= h.receivedAt).toBe(true)
    }
  })

  it('are late about 4 % of the time and concealed about 0.5 %, most within hours', () => {
    // The model's rates, over enough draws to measure a 0.5 % share (a town's 3,000 hold about a dozen
    // concealed reports, fewer near the as-of day, whose holding back runs past it).
    const timing = new ReportTiming(2_000, new Random(7))
    let late = 0
    let concealed = 0
    const draws = 200_000
    for (let i = 0; i < draws; i++) {
      timing.draw(20_000 + (i % 300), i % 2_000, 30_000)
      const hours = (timing.reported - timing.found) / 60
      if (hours > defaultLimits.concealedAfterDays * 24) concealed++
      else if (hours > defaultLimits.reportLimitHours) late++
    }
    expect(late / draws).toBeGreaterThan(0.035)
    expect(late / draws).toBeLessThan(0.045)
    expect(concealed / draws).toBeGreaterThan(0.004)
    expect(concealed / draws).toBeLessThan(0.006)
    // The demo town itself: a few of each to show (3,000 hazards: about 100 late, 5–15 concealed).
    expect(share(seeded, 'late')).toBeGreaterThan(0.025)
    expect(share(seeded, 'late')).toBeLessThan(0.055)
    expect(share(seeded, 'concealed')).toBeGreaterThan(0.001)
    expect(share(seeded, 'concealed')).toBeLessThan(0.01)
    const withinHours = seeded.filter((h) => reportDelayHours(h.foundAt, h.reportedAt) <= 6).length / seeded.length
    expect(withinHours).toBeGreaterThan(0.85)
    for (const h of seeded.filter((x) => timeliness(x) === 'late')) expect(reportDelayHours(h.foundAt, h.reportedAt)).toBeLessThanOrEqual(150)
  })

  it('came from phones that queued them offline for a few of them', () => {
    const queued = seeded.filter((h) => h.receivedAt > h.reportedAt).length / seeded.length
    expect(queued).toBeGreaterThan(0.01)
    expect(queued).toBeLessThan(0.06)
  })

  it('are late more often in a few villages than in the rest', () => {
    const byVillage = new Map<string, Hazard[]>()
    for (const h of seeded) byVillage.set(h.villageId, [...(byVillage.get(h.villageId) ?? []), h])
    const shares = [...byVillage.values()].map((hs) => share(hs, 'late') + share(hs, 'concealed')).sort((a, b) => a - b)
    const median = shares[Math.floor(shares.length / 2)]!
    const top = shares.slice(-Math.max(2, Math.round(shares.length / 10)))
    expect(Math.min(...top)).toBeGreaterThan(2 * median)
  })
})
