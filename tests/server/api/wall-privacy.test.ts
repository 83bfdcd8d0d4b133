import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import { categories, isConfidential } from '../../../server/domain/categories'
import { WALL_API_PATHS } from '../../e2e/wall-support'
import type { Client, TestApp } from '../support/app'
import { areasOf, read, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/**
 * The wall is seen by visitors: everything the wall role receives — every GET the wall page
 * makes and the live stream — is read here and searched for the demo data's people (names, ID
 * numbers, phone numbers) and for the text of confidential hazards.
 */
let t: TestApp
let wall: Client
let districts: AreaProperties[]
/** what the wall must never be told, each with where it comes from */
const secrets = new Map<string, string>()
/** what the wall may show: place names and the plan's vocabulary, which a short name may collide with */
let publicText = ''

/** A secret confidential hazard registered during the test, with a person in it. */
const PLANTED = { title: '大屏保密测试：重点人员聚集线索', person: '欧阳测试员', reason: '大屏保密测试上报理由', note: '大屏保密测试研判措施' }

beforeAll(async () => {
  t = await openSeededApp()
  wall = await t.as('wall')
  districts = await areasOf(await t.as('leader'), 'district')
  const { store } = t.services
  const areas = ['town', 'district', 'village', 'grid'].flatMap((l) => store.areas.list(l as never).map((a) => a.name))
  const sites = store.sites.list()
  // Sites' measures are public on the wall ("客运高峰增岗"): a two-character name inside them (高峰) is no secret there.
  publicText = [...areas, ...sites.map((s) => s.name), ...sites.flatMap((s) => Object.values(s.measures)), ...categories.flatMap((c) => [c.name.zh, ...c.items.map((i) => i.name.zh)])].join('\n')
  const add = (text: string | null | undefined, what: string, minLength = 2) => {
    const s = text?.trim()
    if (s && s.length >= minLength && !publicText.includes(s)) secrets.set(s, what)
  }
  for (const p of store.persons.list()) {
    add(p.name, `key person ${p.id}: name`)
    add(p.idNumber, `key person ${p.id}: ID number`)
    add(p.phone, `key person ${p.id}: phone`)
  }
  for (const s of sites) {
    add(s.responsible.name, `site ${s.id}: responsible`)
    add(s.responsible.phone, `site ${s.id}: phone`)
  }
  for (const u of store.users.list()) if (u.role === 'grid' || u.role === 'district') add(u.name, `user ${u.username}: name`)
  for (let id = 1; id <= store.hazards.count(); id++) {
    const h = store.hazards.get(id)
    if (!h) continue
    add(h.responsiblePerson, `hazard ${id}: responsible person`)
    if (isConfidential(h.item)) {
      add(h.title, `confidential hazard ${id}: title`, 6)
      add(h.description, `confidential hazard ${id}: description`, 6)
      add(h.measures, `confidential hazard ${id}: measures`, 6)
    }
  }
  for (const [key, text] of Object.entries(PLANTED)) secrets.set(text, `planted ${key}`)
})
afterAll(() => t.close())

/** The secrets found in a text, with where each comes from; empty when it is clean. */
function leaks(text: string): string[] {
  const found: string[] = []
  for (const [secret, what] of secrets) if (text.includes(secret)) found.push(`${what} (${secret})`)
  return found
}

/** A vector tile's layers and features' properties, as text. */
function tileText(bytes: ArrayBuffer): { text: string; keys: Set<string>; features: number } {
  const tile = new VectorTile(new PbfReader(new Uint8Array(bytes)))
  const keys = new Set<string>()
  const parts: string[] = []
  let features = 0
  for (const name of Object.keys(tile.layers)) {
    const layer = tile.layers[name]!
    for (let i = 0; i < layer.length; i++) {
      const props = layer.feature(i).properties
      features++
      Object.keys(props).forEach((k) => keys.add(k))
      parts.push(JSON.stringify(props))
    }
  }
  return { text: parts.join('\n'), keys, features }
}

/** The town's tiles from zoom 10 to 17 around its centre, as the wall's map asks for them. */
function tilesOver([lon, lat]: [number, number]): string[] {
  const out: string[] = []
  for (let z = 10; z <= 17; z++) {
    const n = 2 ** z
    const x = Math.floor(((lon + 180) / 360) * n)
    const r = (lat * Math.PI) / 180
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)
    for (const dx of [-1, 0, 1]) for (const dy of [-1, 0, 1]) out.push(`/api/tiles/hazards/${z}/${x + dx}/${y + dy}?v=1`)
  }
  return out
}

describe('what the wall role receives', () => {
  it('has secrets to look for: the demo data holds people and confidential texts', () => {
    const kinds = new Set([...secrets.values()].map((w) => w.replace(/ \d+:|\s\S+:/, ':').split(':')[1]))
    expect(secrets.size).toBeGreaterThan(100)
    expect([...kinds]).toEqual(expect.arrayContaining([' name', ' ID number', ' phone', ' title']))
  })

  it('would be caught: the same search finds people in what a cleared role receives', async () => {
    const leader = await t.as('leader')
    expect(leaks(await (await leader.get('/api/sites')).text()).length).toBeGreaterThan(0)
    expect(leaks(await (await leader.get('/api/hazards?category=violent_terror&limit=200')).text()).length).toBeGreaterThan(0)
  })

  it('over HTTP: every GET the wall page makes tells none of them', async () => {
    const town = (await areasOf(wall, 'village'))[0]!.label
    const paths = [
      '/api/auth/me',
      ...['town', 'district', 'village', 'grid'].map((l) => `/api/areas?level=${l}`),
      '/api/basemap',
      '/api/sites',
      '/api/stats/summary',
      ...districts.map((d) => `/api/stats/summary?area=${d.id}`),
      '/api/stats/trend?bucket=half-month',
      '/api/stats/areas?level=district',
      '/api/stats/areas?level=village',
      '/api/stats/coverage',
      '/api/scorecards?level=district',
      '/api/warnings/summary',
    ]
    for (const prefix of WALL_API_PATHS.filter((p) => !['/api/tiles/hazards/', '/api/stream', '/api/auth/display-token'].includes(p)))
      expect(paths.some((p) => p.startsWith(prefix)), `${prefix} is read`).toBe(true)
    for (const path of paths) {
      const res = await wall.get(path)
      expect(res.status, path).toBe(200)
      expect(leaks(await res.text()), path).toEqual([])
    }
    let features = 0
    for (const path of tilesOver(town)) {
      const res = await wall.get(path)
      expect(res.status, path).toBe(200)
      const tile = tileText(await res.arrayBuffer())
      features += tile.features
      expect(leaks(tile.text), path).toEqual([])
      // Counts only: no hazard's id, item, status or text, at any zoom.
      for (const key of ['id', 'item', 'status', 'title', 'generalised']) expect(tile.keys.has(key), `${path} carries ${key}`).toBe(false)
    }
    expect(features).toBeGreaterThan(0)
  })

  it('over the stream: a confidential hazard reported, assessed, assigned to a person and escalated tells none of them, and no id, item or status', async () => {
    const village = (await areasOf(wall, 'village'))[1]!
    const controller = new AbortController()
    const res = await wall.raw('/api/stream', { signal: controller.signal })
    expect(res.status).toBe(200)
    const reader = res.body!.getReader()
    let text = ''
    const decoder = new TextDecoder()
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
        if (done) return
        text += decoder.decode(value, { stream: true })
      }
    })()
    const police = await t.as('police')
    const created = await read<{ hazard: { id: number; version: number; code: string } }>(
      police.post('/api/hazards', { category: 'violent_terror', item: 'key_persons', title: PLANTED.title, description: `${PLANTED.person}在出租屋聚集`, location: village.label, source: 'focused' }),
      201,
    )
    const { id, code } = created.hazard
    let { version } = created.hazard
    const act = async (body: Record<string, unknown>) => {
      const answer = await read<{ hazard: { version: number } }>(police.post(`/api/hazards/${id}/actions`, { ...body, version }))
      version = answer.hazard.version
    }
    await act({ action: 'assess', level: 'major', measures: PLANTED.note })
    await act({ action: 'assign', responsibleUnit: '派出所', responsiblePerson: PLANTED.person, deadline: '2026-12-31' })
    await act({ action: 'escalate', reason: PLANTED.reason })
    const tallies = () => [...text.matchAll(/event: tally\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>)
    // The stream is read until the escalation has come through, or a generous while.
    for (let waited = 0; waited < 5_000 && !tallies().some((m) => m.escalated === 1); waited += 50) await new Promise((r) => setTimeout(r, 50))
    controller.abort()
    await reader.cancel().catch(() => undefined)
    await reading
    expect(leaks(text)).toEqual([])
    // Counts per village and category: what was found, closed and escalated, never which hazard.
    expect(text).not.toContain('event: hazard')
    for (const word of [`"id":${id}`, code, '"item"', '"status"', 'key_persons', '"version"', '"level"']) expect(text).not.toContain(word)
    const mine = tallies().filter((m) => m.villageId === village.id && m.category === 'violent_terror')
    expect(mine.reduce((n, m) => n + Number(m.found), 0)).toBe(1)
    expect(mine.reduce((n, m) => n + Number(m.escalated), 0)).toBe(1)
    expect(mine[0]).toMatchObject({ villageName: village.name, districtId: village.parentId })
    // The place is the village, never the grid cell.
    expect(Object.keys(mine[0]!).sort()).toEqual(['category', 'closed', 'districtId', 'districtName', 'escalated', 'found', 'villageId', 'villageName'])
  })
})

describe('confidential counts reach the wall at village level and above only', () => {
  /** The wall's total per grid cell for a query. */
  const gridTotals = async (client: Client, query: string) =>
    new Map((await read<Array<{ areaId: string; total: number }>>(client.get(`/api/stats/areas?level=grid&${query}`))).map((r) => [r.areaId, r.total]))
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)

  it('grid cells carry no confidential hazard for the wall, however many a cell holds; villages carry them all', async () => {
    const leader = await t.as('leader')
    // Three more confidential hazards in one cell: today's rule showed a cell with three or more.
    const village = (await areasOf(wall, 'village'))[2]!
    const police = await t.as('police')
    for (let n = 0; n < 3; n++)
      await read(police.post('/api/hazards', { category: 'violent_terror', item: 'key_places', title: `大屏网格测试${n}`, location: village.label, source: 'focused' }), 201)
    for (const category of ['violent_terror', 'individual_extreme']) {
      expect(sum(await gridTotals(leader, `category=${category}`)), category).toBeGreaterThan(3)
      expect(sum(await gridTotals(wall, `category=${category}`)), category).toBe(0)
      const villages = (q: string, c: Client) => read<Array<{ areaId: string; total: number }>>(c.get(`/api/stats/areas?level=village&${q}`))
      expect(await villages(`category=${category}`, wall), category).toEqual(await villages(`category=${category}`, leader))
    }
    // Items that are not confidential are counted per cell as for everyone.
    expect(await gridTotals(wall, 'category=safety_accident')).toEqual(await gridTotals(leader, 'category=safety_accident'))
    // Differencing a cell over date windows isolates nothing: its confidential count is always 0.
    const cell = [...(await gridTotals(leader, 'category=violent_terror&from=2026-11-28')).entries()].find(([, n]) => n >= 3)![0]
    expect((await gridTotals(wall, 'category=violent_terror&from=2026-11-28')).get(cell)).toBe(0)
    expect((await summaryOf(wall, `area=${cell}&category=violent_terror`)).total).toBe(0)
  })
})
