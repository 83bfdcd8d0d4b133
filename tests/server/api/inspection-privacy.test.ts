/**
 * Inspection text is classified like hazard text (issue 11, hole 2): an inspection outside a role's
 * reach (its village, district or category) is not listed at all; one of a category with confidential
 * items is listed to roles not cleared for it without its text — date, area, source, category and
 * counts kept, so coverage still counts it — and cleared reads of that text are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InspectionView as Inspection } from '../../../server/domain/contract/inspections'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { Client, TestApp } from '../support/app'
import { areasOf, districtAccount, gridAccount, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Planted strings that may reach only those cleared for them. */
const SECRET = 'CANARY-个人极端-王某某-370283199001011234'
const OPEN = 'CANARY-安全生产-东村仓库'

let t: TestApp
let leader: Client
let villageA: AreaProperties
let villageB: AreaProperties
let secret: Inspection
let open: Inspection

const list = async (as: Client, query = 'limit=5000') => (await read<{ inspections: Inspection[] }>(as.get(`/api/inspections?${query}`))).inspections
const raw = async (as: Client) => (await as.get('/api/inspections?limit=5000')).text()

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  const villages = await areasOf(leader, 'village')
  villageA = villages[0]!
  // a neighbour in the same district: the district rounds that cover A cover B too
  villageB = villages.find((v) => v.id !== villageA.id && v.parentId === villageA.parentId)!
  const governance = await t.as('governance')
  secret = (await read<{ inspection: Inspection }>(governance.post('/api/inspections', {
    source: 'focused', areaId: villageA.id, date: '2026-11-27', category: 'individual_extreme',
    inspectors: `综治办 ${SECRET}`, checked: `重点人员 ${SECRET}`, findings: `发现 ${SECRET}`, hazardsFound: 1,
    // where the inspector stood is the secret's too
    location: villageA.label,
  }), 201)).inspection
  open = (await read<{ inspection: Inspection }>((await t.as(gridAccount(villageA.id))).post('/api/inspections', {
    source: 'routine', areaId: villageA.id, date: '2026-11-27', category: 'safety_accident',
    inspectors: '网格员', checked: '消防通道', findings: `发现 ${OPEN}`, hazardsFound: 2,
  }), 201)).inspection
}, 120_000)
afterAll(() => t.close())

describe('a grid worker', () => {
  it('of village A reads its own village’s findings', async () => {
    const mine = await list(await t.as(gridAccount(villageA.id)))
    expect(mine.find((i) => i.id === open.id)).toMatchObject({ findings: `发现 ${OPEN}`, inspectors: '网格员' })
  })

  it('of village B cannot read village A’s findings, even asking for A by name', async () => {
    const b = await t.as(gridAccount(villageB.id))
    expect((await list(b)).map((i) => i.id)).not.toContain(open.id)
    expect(await list(b, `area=${villageA.id}`)).toEqual([])
    expect(await raw(b)).not.toContain('CANARY')
  })
})

describe('an inspection of a confidential category', () => {
  it('is read in full by the leader and by its own lead unit, and each read is audited', async () => {
    for (const who of ['leader', 'governance']) {
      const got = (await list(await t.as(who))).find((i) => i.id === secret.id)
      expect(got, who).toMatchObject({ findings: `发现 ${SECRET}`, category: 'individual_extreme', generalised: false })
      const rows = t.services.store.audit.query({ username: who, action: 'list_inspections', limit: 100 })
      expect(rows.some((r) => r.target.split(',').includes(String(secret.id))), who).toBe(true)
    }
  })

  it('is listed to the analyst, the village and its district without its text: date, area, source, category and counts kept', async () => {
    for (const as of [await t.as('analyst'), await t.as(gridAccount(villageA.id)), await t.as(await districtAccount(t, villageA.parentId!))]) {
      const got = (await list(as)).find((i) => i.id === secret.id)
      expect(got).toEqual({
        id: secret.id, source: 'focused', areaId: villageA.id, date: '2026-11-27', category: 'individual_extreme',
        inspectors: '', checked: '', findings: null, hazardsFound: 1, generalised: true,
        siteId: null, siteName: null, location: null, photos: [], createdAt: secret.createdAt,
      })
    }
  })

  it('is not listed at all to another category’s lead unit', async () => {
    for (const who of ['police', 'masswork', 'safety']) expect((await list(await t.as(who))).map((i) => i.id), who).not.toContain(secret.id)
  })

  it('comes back to a recorder not cleared for it generalised, as a hazard report does', async () => {
    const grid = await t.as(gridAccount(villageA.id))
    const { inspection } = await read<{ inspection: Inspection }>(grid.post('/api/inspections', {
      source: 'routine', areaId: villageA.id, date: '2026-11-27', category: 'violent_terror', inspectors: '网格员', findings: 'CANARY-暴恐-可疑人员线索',
    }), 201)
    expect(inspection).toMatchObject({ findings: null, inspectors: '', generalised: true })
  })

  it('still counts in the village’s coverage', async () => {
    const before = await read<{ villages: Array<{ villageId: string; inspections: number }> }>((await t.as('analyst')).get('/api/stats/coverage?period=2026-11-27&source=focused'))
    expect(before.villages.find((v) => v.villageId === villageA.id)?.inspections).toBeGreaterThanOrEqual(1)
  })
})

describe('the planted confidential text', () => {
  it('appears in no answer given to a role not cleared for it', async () => {
    const users = ['analyst', 'admin', 'police', 'masswork', 'safety', 'wall', gridAccount(villageA.id), gridAccount(villageB.id), await districtAccount(t, villageA.parentId!)]
    for (const who of users) expect(await raw(await t.as(who)), who).not.toContain('CANARY-个人极端')
  })
})

describe('recording an inspection’s category', () => {
  it('refuses a lead unit another category’s inspection with 403, and an unknown category with 400 naming the field', async () => {
    const police = await t.as('police')
    const body = { source: 'focused', areaId: villageA.id, date: '2026-11-20', inspectors: '派出所工作组' }
    expect((await police.post('/api/inspections', { ...body, category: 'safety_accident' })).status).toBe(403)
    const bad = await police.post('/api/inspections', { ...body, category: 'weather' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('category')
  })
})
