import type { AddressInfo } from 'node:net'
import { inflateRawSync } from 'node:zlib'
import { type ServerType, serve } from '@hono/node-server'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { picture } from '../../fixtures/images'
import { PASSWORD, type TestApp } from '../support/app'
import { read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { issueWarnings } from '../../../server/services/warnings/engine'

/**
 * Canaries: a confidential hazard (violent_terror, whose clearance is the leader's and the police's)
 * with unique text in every field a person writes on it, a key person with a unique name, ID number
 * and phone, a visit note about them and an inspection finding about the same category. Then
 * everything roles not cleared for them can get — every GET in the OpenAPI document with plausible
 * parameters, exports (.xlsx unzipped to its XML, .csv, GeoJSON), bulletins (JSON, HTML, .xlsx),
 * tiles (decoded), the live stream over a real socket, notifications and the work queue, and the
 * error answers to asking for them by id — is searched for them: 0 hits. The control: the same
 * search finds every one of them in what the leader gets.
 * (tests/server/api/wall-privacy.test.ts searches the wall's answers for the seeded town's people.)
 */
const CANARY = {
  title: 'CNRYTITLE 金丝雀保密线索标题',
  description: 'CNRYDESC 金丝雀出租屋聚集描述',
  measures: 'CNRYMEASURES 金丝雀研判管控措施',
  responsibleUnit: 'CNRYUNIT 金丝雀责任单位',
  responsiblePerson: '欧阳金丝雀',
  reason: 'CNRYREASON 金丝雀上报理由',
  comment: 'CNRYCOMMENT 金丝雀领导批注',
  personName: '司马金丝雀',
  idNumber: '370283190001019993',
  phone: '19912345670',
  personMeasures: 'CNRYPMEASURES 金丝雀人员管控措施',
  visitors: 'CNRYVISITORS 金丝雀走访组',
  visitNote: 'CNRYVISIT 金丝雀走访记录',
  inspectors: 'CNRYINSPECTORS 金丝雀检查组',
  checked: 'CNRYCHECKED 金丝雀检查内容',
  findings: 'CNRYFINDINGS 金丝雀检查发现',
  listingReason: 'CNRYLISTING 金丝雀挂牌督办理由',
  extensionReason: 'CNRYEXTENSION 金丝雀延期理由',
  warningNote: 'CNRYWARNING 金丝雀预警处置',
} as const
/** Each canary's text, and its distinctive halves, so a shortened copy is caught too. */
const needles: Array<[string, string]> = Object.entries(CANARY).flatMap(([what, text]) => {
  const parts = text.split(' ')
  return [[what, text] as [string, string], ...(parts.length > 1 ? parts.map((p) => [what, p] as [string, string]) : [])]
})

/** Roles not cleared for violent_terror, each reaching the canaries' village in its own way. */
const UNCLEARED = ['wall', 'analyst', 'masswork', 'governance', 'safety', 'district', 'grid', 'admin'] as const
type Who = (typeof UNCLEARED)[number] | 'leader'

let t: TestApp
let server: ServerType
let port: number
const account: Record<Who, string> = {
  wall: 'wall', analyst: 'analyst', masswork: 'masswork', governance: 'governance', safety: 'safety', district: 'district-1', grid: '', admin: 'admin', leader: 'leader',
}
const cookies = new Map<Who, string>()
let doc: { paths: Record<string, Record<string, unknown>> }
let d1: string
let v1: string
let villageLabel: readonly number[]
let siteId: string
let hazardId: number
let personId: number
let photoId: number
let campaignId: number
let inspectionPhotoId: number
let canaryMonth: string
let warningId: number
let tiles: string[]
/** what each role's live stream carried while the canaries were planted */
const streamed = new Map<Who, string>()

function leaks(text: string): string[] {
  return [...new Set(needles.filter(([, n]) => text.includes(n)).map(([what]) => what))]
}

/** Every file inside a zip archive (stored or deflated), as text: what an .xlsx holds is XML. */
function unzipText(buf: Uint8Array): string {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  let eocd = buf.length - 22
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--
  expect(eocd, 'a zip archive').toBeGreaterThanOrEqual(0)
  const out: string[] = []
  let p = view.getUint32(eocd + 16, true)
  for (let n = view.getUint16(eocd + 10, true); n > 0; n--) {
    const method = view.getUint16(p + 10, true)
    const size = view.getUint32(p + 20, true)
    const local = view.getUint32(p + 42, true)
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    const packed = buf.subarray(start, start + size)
    out.push(new TextDecoder().decode(method === 8 ? inflateRawSync(packed) : packed))
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true)
  }
  return out.join('\n')
}

function tileText(bytes: ArrayBuffer): string {
  const tile = new VectorTile(new PbfReader(new Uint8Array(bytes)))
  const parts: string[] = []
  for (const layer of Object.values(tile.layers)) for (let i = 0; i < layer.length; i++) parts.push(JSON.stringify(layer.feature(i).properties))
  return parts.join('\n')
}

/** An answer as searchable text, whatever its type. */
async function textOf(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? ''
  if (type.includes('spreadsheetml')) return unzipText(new Uint8Array(await res.arrayBuffer()))
  if (type.includes('protobuf')) return tileText(await res.arrayBuffer())
  return res.text()
}

async function login(username: string): Promise<string> {
  const res = await t.anonymous.post('/api/auth/login', { username, password: PASSWORD })
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

const request = (who: Who, path: string, init: { method?: string; json?: unknown; form?: FormData } = {}) =>
  t.app.request(path, {
    method: init.method ?? (init.json || init.form ? 'POST' : 'GET'),
    headers: { cookie: cookies.get(who)!, ...(init.json ? { 'content-type': 'application/json' } : {}) },
    body: init.form ?? (init.json ? JSON.stringify(init.json) : undefined),
  })

/** Reads a role's live stream over a real socket until told to stop. */
function listen(who: Who): { text: () => string; stop: () => Promise<void> } {
  const controller = new AbortController()
  let text = ''
  const reading = (async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/stream`, { headers: { cookie: cookies.get(who)! }, signal: controller.signal })
    text += `status ${res.status}\n`
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      text += decoder.decode(value, { stream: true })
    }
  })().catch(() => undefined)
  return {
    text: () => text,
    async stop() {
      controller.abort()
      await reading
      streamed.set(who, text)
    },
  }
}

/** GET requests for every operation in the document, with plausible parameters: what a client of this role could ask. */
function sweep(): string[] {
  const query: Record<string, string[]> = {
    '/api/areas': ['level=village', 'level=grid'],
    '/api/hazards': ['limit=10000', `area=${v1}&limit=10000`, `q=${encodeURIComponent('CNRYTITLE')}`, `q=${encodeURIComponent('金丝雀保密')}`, `q=${encodeURIComponent('欧阳金丝雀')}`],
    '/api/hazards/export': ['format=csv', 'format=geojson', 'format=xlsx'].map((f) => `${f}&area=${d1}`),
    '/api/stats/summary': ['', `q=${encodeURIComponent('金丝雀保密')}`],
    '/api/stats/areas': ['level=village', 'level=grid'],
    '/api/inspections': ['', `area=${v1}`],
    '/api/bulletins/{month}': ['format=json', 'format=html', 'format=xlsx'],
    '/api/notifications': [''],
    '/api/work': ['limit=2000'],
    // Accountability (issue 13): the trace-back of the canary's hazard and place, the scores' records, the listings.
    '/api/traceback': [`hazard=${hazardId}`, `site=${siteId}&months=1`, `at=${villageLabel.join(',')}&months=1&radius=50`],
    '/api/traceback/export': [`hazard=${hazardId}`],
    '/api/scorecards': ['level=village', 'level=district', 'level=unit'].map((l) => `month=${canaryMonth}&${l}`),
    '/api/scorecards/records': ['reported_on_time', 'rectified_on_time', 'coverage', 'overdue'].flatMap((m) => [
      `month=${canaryMonth}&level=village&id=${v1}&measure=${m}`, `month=${canaryMonth}&level=unit&id=police&measure=${m}`,
    ]),
    '/api/scorecards/export': [`month=${canaryMonth}&level=village`],
    '/api/supervisions': ['state=all', `state=open&month=${canaryMonth}`],
    '/api/posts': ['history=true'],
  }
  const fill = (path: string) =>
    path
      .replace(/^\/api\/hazards\/\{id\}/, `/api/hazards/${hazardId}`)
      .replace(/^\/api\/persons\/\{id\}/, `/api/persons/${personId}`)
      .replace(/^\/api\/photos\/\{id\}/, `/api/photos/${photoId}`)
      .replace(/^\/api\/campaigns\/\{id\}/, `/api/campaigns/${campaignId}`)
      .replace(/^\/api\/inspection-photos\/\{id\}/, `/api/inspection-photos/${inspectionPhotoId}`)
      .replace(/^\/api\/warnings\/\{id\}/, `/api/warnings/${warningId}`)
      .replace('{month}', '2026-11')
  const out: string[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!('get' in item) || path === '/api/stream') continue
    if (path.includes('{z}')) {
      out.push(...tiles)
      continue
    }
    const filled = fill(path)
    if (filled.includes('{')) throw new Error(`the sweep does not know how to fill ${path}`)
    for (const q of query[path] ?? ['']) out.push(q ? `${filled}?${q}` : filled)
  }
  return out
}

beforeAll(async () => {
  t = await openSeededApp()
  doc = await read(t.anonymous.get('/api/openapi.json'))
  const { store } = t.services
  d1 = store.users.byUsername('district-1')!.areaId!
  const village = store.areas.list('village').find((v) => v.parentId === d1)!
  v1 = village.id
  villageLabel = village.label
  siteId = (store.sites.list().find((site) => site.villageId === v1) ?? store.sites.list()[0]!).id
  account.grid = `grid-${v1}`
  for (const who of [...UNCLEARED, 'leader'] as const) cookies.set(who, await login(account[who]))
  const police = await login('police')
  const asPolice = (path: string, json: unknown, status = 201) =>
    read<Record<string, { id: number; version: number }>>(t.app.request(path, { method: 'POST', headers: { cookie: police, 'content-type': 'application/json' }, body: JSON.stringify(json) }), status)
  // The canaries must be new to the town, or a hit would prove nothing.
  const seeded = JSON.stringify([store.persons.list(), store.sites.list()])
  expect(needles.filter(([, n]) => seeded.includes(n))).toEqual([])

  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  port = (server.address() as AddressInfo).port
  const streams = ([...UNCLEARED, 'leader'] as const).map((who) => [who, listen(who)] as const)
  await new Promise((r) => setTimeout(r, 300))

  // The hazard, reported by the police at the village's point and taken through its steps.
  let h = (await asPolice('/api/hazards', { category: 'violent_terror', item: 'key_persons', title: CANARY.title, description: CANARY.description, location: village.label, source: 'focused' })).hazard!
  hazardId = h.id
  const act = async (body: Record<string, unknown>, who = police) => {
    const res = await t.app.request(`/api/hazards/${hazardId}/actions`, { method: 'POST', headers: { cookie: who, 'content-type': 'application/json' }, body: JSON.stringify({ ...body, version: h.version }) })
    h = (await read<{ hazard: { id: number; version: number } }>(res)).hazard
  }
  await act({ action: 'assess', level: 'major', measures: CANARY.measures })
  await act({ action: 'assign', responsibleUnit: CANARY.responsibleUnit, responsiblePerson: CANARY.responsiblePerson, deadline: '2026-12-31' })
  await act({ action: 'escalate', reason: CANARY.reason })
  await act({ action: 'comment', note: CANARY.comment }, cookies.get('leader'))
  const form = new FormData()
  form.append('photo', new File([(await picture('jpeg')) as Uint8Array<ArrayBuffer>], 'p.jpg'))
  photoId = (await read<{ photo: { id: number } }>(t.app.request(`/api/hazards/${hazardId}/photos`, { method: 'POST', headers: { cookie: police }, body: form }), 201)).photo.id
  // Listed by the leader (挂牌督办), and the police ask to move its deadline: both reasons are the hazard's text.
  const leaderPost = (path: string, json: unknown) =>
    read(t.app.request(path, { method: 'POST', headers: { cookie: cookies.get('leader')!, 'content-type': 'application/json' }, body: JSON.stringify(json) }), 201)
  await leaderPost(`/api/hazards/${hazardId}/supervision`, { supervisingUnit: 'police', deadline: '2026-12-31', reason: CANARY.listingReason })
  await asPolice(`/api/hazards/${hazardId}/extensions`, { newDeadline: '2027-01-15', reason: CANARY.extensionReason })
  canaryMonth = store.hazards.get(hazardId)!.discoveredAt.slice(0, 7)
  campaignId = (await asPolice('/api/campaigns', { name: '涉恐线索专项', goal: '核查', deadline: '2026-12-31' })).campaign!.id
  await asPolice(`/api/campaigns/${campaignId}/hazards`, { add: [hazardId] }, 200)

  // A warning (预警) of the hazard overdue, to the police, who respond to it in words of their own.
  const cell = store.hazards.get(hazardId)!.areaId
  const { issued } = await issueWarnings(t.services, '2026-11-28', async (_s, asOf) => ({
    asOf, persistent: [], timings: {},
    signals: [{
      key: 'test:canary', detector: 'overdue', level: 'red', ruleId: 'R1', area: { kind: 'cells', id: cell, cells: [cell], villageId: v1, districtId: d1 },
      category: 'violent_terror', item: 'key_persons', window: { from: '2026-11-28', to: '2026-11-28' }, observed: 1, expected: null, ratio: null, stats: {},
      streak: null, slope: null, evidence: [hazardId], parameters: { hazard: hazardId, deadline: '2026-11-27', hazardLevel: 'major' }, responsible: { kind: 'lead_unit', id: 'police' },
    }],
  }))
  warningId = issued[0]!.id
  await asPolice(`/api/warnings/${warningId}/actions`, { action: 'acknowledge' }, 200)
  await asPolice(`/api/warnings/${warningId}/actions`, { action: 'respond', note: CANARY.warningNote, hazardIds: [hazardId] }, 200)

  // The key person and a visit to them; the inspection that concerns the same category.
  personId = Math.max(...store.persons.list().map((p) => p.id)) + 1
  store.persons.insertMany([{ id: personId, kind: 'terror_watch', villageId: v1, name: CANARY.personName, idNumber: CANARY.idNumber, phone: CANARY.phone, controlLevel: 'strict', measures: CANARY.personMeasures }])
  await asPolice(`/api/persons/${personId}/visits`, { date: '2026-11-27', visitors: CANARY.visitors, note: CANARY.visitNote })
  const inspection = { source: 'focused', areaId: v1, date: '2026-11-27', inspectors: CANARY.inspectors, checked: CANARY.checked, findings: CANARY.findings, hazardsFound: 1 }
  const classified = await t.app.request('/api/inspections', { method: 'POST', headers: { cookie: police, 'content-type': 'application/json' }, body: JSON.stringify({ ...inspection, category: 'violent_terror' }) })
  expect(classified.status).toBe(201)
  // A photo of that check: served only to those who read the check in full.
  const { inspection: checked } = await read<{ inspection: { id: number } }>(classified, 201)
  const shot = new FormData()
  shot.append('photo', new File([(await picture('jpeg')) as Uint8Array<ArrayBuffer>], 'c.jpg'))
  inspectionPhotoId = (await read<{ photo: { id: number } }>(t.app.request(`/api/inspections/${checked.id}/photos`, { method: 'POST', headers: { cookie: police }, body: shot }), 201)).photo.id

  // Every stream is read until it has carried something after its greeting, or a generous while.
  for (let waited = 0; waited < 10_000 && streams.some(([, s]) => s.text().split('event:').length <= 2); waited += 100) await new Promise((r) => setTimeout(r, 100))
  await new Promise((r) => setTimeout(r, 500))
  await Promise.all(streams.map(([, s]) => s.stop()))

  const [lon, lat] = village.label
  tiles = []
  for (let z = 8; z <= 17; z++) {
    const n = 2 ** z
    const x = Math.floor(((lon + 180) / 360) * n)
    const r = (lat * Math.PI) / 180
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)
    tiles.push(`/api/tiles/hazards/${z}/${x}/${y}`)
  }
}, 120_000)
afterAll(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)))
  t?.close()
})

/** Everything a role gets from the sweep, the error probes and its stream, labelled by where it came from. */
async function harvest(who: Who): Promise<Array<[string, string]>> {
  const got: Array<[string, string]> = []
  for (const path of sweep()) got.push([`GET ${path}`, await textOf(await request(who, path))])
  // Asked for by id, in ways that fail: the refusal must not echo what it refuses.
  const probes: Array<[string, Parameters<typeof request>[2]]> = [
    [`/api/hazards/${hazardId}/actions`, { json: { action: 'comment', version: 1, note: 'probe' } }],
    [`/api/hazards/${hazardId}/actions`, { json: { action: 'verify', version: 1, passed: true, note: 'probe' } }],
    [`/api/hazards/${hazardId}/photos`, { form: new FormData() }],
    [`/api/persons/${personId}/reveal`, { json: { reason: '核查身份信息' } }],
    [`/api/persons/${personId}/visits`, { json: { date: '2026-11-27', visitors: 'probe', note: 'probe' } }],
    [`/api/campaigns/${campaignId}/hazards`, { json: { remove: [hazardId] } }],
    ['/api/hazards', { json: { category: 'violent_terror', item: 'key_persons', title: 'probe', location: [0, 0], source: 'routine' } }],
    [`/api/persons/${personId}?reveal=true&reason=${encodeURIComponent('核查身份信息')}`, { method: 'GET' }],
  ]
  for (const [path, init] of probes) got.push([`${init?.method ?? 'POST'} ${path}`, await textOf(await request(who, path, init))])
  got.push(['the stream', streamed.get(who) ?? ''])
  return got
}

describe('canaries', () => {
  it('the control: the same search finds every canary in what the leader gets', async () => {
    const got = await harvest('leader')
    // The leader unmasks the person to see the identity, as the records tab does.
    got.push(['reveal', await (await request('leader', `/api/persons/${personId}/reveal`, { json: { reason: '对照检查揭示' } })).text()])
    got.push(['reveal (before it was a POST)', await (await request('leader', `/api/persons/${personId}?reveal=true&reason=${encodeURIComponent('对照检查揭示')}`)).text()])
    got.push(['visits', await (await request('leader', `/api/persons/${personId}/visits`)).text()])
    const found = new Set(leaks(got.map(([, text]) => text).join('\n')))
    expect(Object.keys(CANARY).filter((k) => !found.has(k))).toEqual([])
    expect(streamed.get('leader')).toMatch(/^status 200/)
  })

  for (const who of UNCLEARED)
    it(`the ${who} is told none of them, anywhere`, async () => {
      const got = await harvest(who)
      expect(got.length).toBeGreaterThan(40)
      const hits = got.flatMap(([where, text]) => leaks(text).map((what) => `${what} in ${where}`))
      expect(hits).toEqual([])
      // The stream was live while the canaries were planted: it said something after its greeting.
      expect(streamed.get(who)).toMatch(/^status 200/)
      expect(streamed.get(who)!.split('event:').length).toBeGreaterThan(2)
    })
})
