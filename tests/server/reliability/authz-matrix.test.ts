import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { personKinds } from '../../../server/domain/persons'
import { DEFAULT_CALENDAR } from '../../../server/domain/warnings/model'
import { issueWarnings } from '../../../server/services/warnings/engine'
import { fakeDetect, hotSpot, overdue } from '../warnings/signals'
import { picture } from '../../fixtures/images'
import { PASSWORD, type TestApp } from '../support/app'
import { read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/**
 * The authorisation matrix: every operation in GET /api/openapi.json × every role × in and out
 * of the role's scope, each answer's class compared with the table below, which states the
 * intended rules as data. A route added to the API without a row here fails the test, and so
 * does a row for a route the document does not list.
 *
 * Classes:  2  2xx with the record(s) in full       g  2xx, but generalised (no text, village point)
 *           n  2xx with nothing in it (an empty list)                0  400: outside the caller's area
 *           1  401   3  403   4  404   -  no such case for this role (nothing is sent)
 * "in" is an entity the role reaches (its village, district or category); "out" one it does not:
 * a hazard of another village for a grid worker, of another district for a district officer, of
 * another category for a lead unit, a confidential one for the analyst, the admin and the wall.
 */
const ROLES = ['leader', 'police', 'masswork', 'governance', 'safety', 'district', 'grid', 'analyst', 'wall', 'admin', 'anonymous'] as const
type Role = (typeof ROLES)[number]
type Scope = 'in' | 'out'

// prettier-ignore
const EXPECTED: Record<string, { in: string; out?: string }> = {
  //                                                    ld po ma go sa di gr an wa ad --
  'GET /api/meta':                                { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'GET /api/areas':                               { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'GET /api/basemap':                             { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'GET /api/sites':                               { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'POST /api/auth/login':                         { in: '2  2  2  2  2  2  2  2  2  2  2' },
  'POST /api/auth/display-token':                 { in: '2  2  2  2  2  2  2  2  2  2  2' },
  'POST /api/auth/logout':                        { in: '2  2  2  2  2  2  2  2  2  2  2' },
  'GET /api/auth/me':                             { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'GET /api/health':                              { in: '2  2  2  2  2  2  2  2  2  2  2' },
  'GET /api/hazards/export':                      { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'POST /api/hazards/import':                     { in: '3  2  2  2  2  2  2  3  3  3  1' },
  'GET /api/hazards':                             { in: '2  2  2  2  2  2  2  2  3  2  1',
                                                   out: '-  n  n  n  n  n  n  g  3  g  1' },
  'POST /api/hazards':                            { in: '3  2  2  2  2  2  2  3  3  3  1',
                                                   out: '-  3  3  3  3  0  0  -  -  -  -' },
  'GET /api/hazards/{id}':                        { in: '2  2  2  2  2  2  2  2  3  2  1',
                                                   out: '-  4  4  4  4  4  4  g  3  g  1' },
  'POST /api/hazards/{id}/actions':               { in: '2  2  2  2  2  2  2  3  3  3  1',
                                                   out: '-  4  4  4  4  4  4  3  3  3  1' },
  'POST /api/hazards/{id}/photos':                { in: '3  2  2  2  2  2  2  3  3  3  1',
                                                   out: '-  4  4  4  4  4  4  3  3  3  1' },
  'GET /api/photos/{id}':                         { in: '2  2  2  2  2  2  2  2  3  2  1',
                                                   out: '-  4  4  4  4  4  4  4  3  4  1' },
  'POST /api/areas/import':                       { in: '3  3  3  3  3  3  3  3  3  2  1' },
  'GET /api/stats/summary':                       { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'GET /api/stats/trend':                         { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'GET /api/stats/areas':                         { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'GET /api/stats/coverage':                      { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'GET /api/inspections':                         { in: '2  2  2  2  2  2  2  2  3  2  1',
                                                   out: '-  -  -  -  -  n  n  -  -  -  -' },
  'POST /api/inspections':                        { in: '3  2  2  2  2  2  2  3  3  3  1',
                                                   out: '-  -  -  -  -  0  0  -  -  -  -' },
  'POST /api/inspections/{id}/photos':            { in: '3  2  2  2  2  2  2  3  3  3  1',
                                                   out: '-  4  4  4  4  4  4  -  -  -  -' },
  'GET /api/inspection-photos/{id}':              { in: '2  2  2  2  2  2  2  2  3  2  1',
                                                   out: '-  4  4  4  4  4  4  4  3  4  1' },
  'GET /api/check-plans/coverage':                { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'GET /api/check-plans/missed':                  { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'GET /api/persons':                             { in: '2  2  3  2  3  3  3  3  3  3  1' },
  'GET /api/persons/{id}':                        { in: '2  2  3  2  3  3  3  3  3  3  1',
                                                   out: '-  4  3  4  3  3  3  3  3  3  1' },
  'POST /api/persons/{id}/reveal':                { in: '2  2  3  2  3  3  3  3  3  3  1',
                                                   out: '-  4  3  4  3  3  3  3  3  3  1' },
  'GET /api/persons/{id}/visits':                 { in: '2  2  3  2  3  3  3  3  3  3  1',
                                                   out: '-  4  3  4  3  3  3  3  3  3  1' },
  'POST /api/persons/{id}/visits':                { in: '2  2  3  2  3  3  3  3  3  3  1',
                                                   out: '-  4  3  4  3  3  3  3  3  3  1' },
  'GET /api/stream':                              { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'GET /api/tiles/hazards/{z}/{x}/{y}':           { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'GET /api/notifications':                       { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'POST /api/notifications/{id}/read':            { in: '2  2  2  2  2  2  2  2  3  2  1',
                                                   out: '4  4  4  4  4  4  4  4  3  4  1' },
  'POST /api/notifications/read-all':             { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'GET /api/work':                                { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'POST /api/campaigns':                          { in: '3  2  2  2  2  3  3  2  3  3  1',
                                                   out: '-  3  3  3  3  -  -  -  -  -  -' },
  'GET /api/campaigns':                           { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'GET /api/campaigns/{id}':                      { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'POST /api/campaigns/{id}/hazards':             { in: '3  2  2  2  2  3  3  2  3  3  1',
                                                   out: '-  3  3  3  3  -  -  -  -  -  -' },
  'GET /api/bulletins/{month}':                   { in: '2  2  2  2  2  2  3  2  3  3  1' },
  'GET /api/audit':                               { in: '2  3  3  3  3  3  3  3  3  2  1' },
  'GET /api/posts':                               { in: '2  2  2  2  2  2  2  2  3  2  1',
                                                   out: '-  3  3  3  3  3  3  -  -  -  -' },
  'POST /api/posts':                              { in: '3  3  3  3  3  3  3  3  3  2  1' },
  // 挂牌督办: the fixtures are not major (422 once authorised), have no deadline (422) and no request 999999 (404).
  'POST /api/hazards/{id}/supervision':           { in: '422 422 422 422 422 3  3  3  3  3  1',
                                                   out: '-  4  4  4  4  4  4  3  3  3  1' },
  'POST /api/hazards/{id}/supervision/close':     { in: '422 422 422 422 422 3  3  3  3  3  1',
                                                   out: '-  4  4  4  4  4  4  3  3  3  1' },
  'POST /api/hazards/{id}/extensions':            { in: '3  422 422 422 422 422 422 3  3  3  1',
                                                   out: '-  4  4  4  4  4  4  3  3  3  1' },
  'POST /api/hazards/{id}/extensions/{eid}/decision': { in: '4  4  4  4  4  3  3  3  3  3  1',
                                                   out: '-  4  4  4  4  4  4  3  3  3  1' },
  'GET /api/supervisions':                        { in: '2  2  2  2  2  2  2  2  3  2  1' },
  // Scorecards circulate with the bulletin: every row to its readers and the admin, a village its own row (village level: 3 at the districts'), the wall the districts'.
  'GET /api/scorecards':                          { in: '2  2  2  2  2  2  3  2  2  2  1' },
  'GET /api/scorecards/indicators':               { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'PUT /api/scorecards/indicators':               { in: '3  3  3  3  3  3  3  3  3  2  1' },
  // A row's records only within the reader's reach: its own village, district or unit (the leadership, analyst and admin any).
  'GET /api/scorecards/records':                  { in: '2  2  2  2  2  2  2  2  3  2  1',
                                                   out: '-  3  3  3  3  3  3  -  -  -  -' },
  'GET /api/scorecards/export':                   { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'GET /api/traceback':                           { in: '2  2  2  2  2  3  3  2  3  3  1',
                                                   out: '-  3  3  3  3  -  -  -  -  -  -' },
  'GET /api/traceback/export':                    { in: '2  2  2  2  2  3  3  2  3  3  1',
                                                   out: '-  3  3  3  3  -  -  -  -  -  -' },
  // Early warning: scoped as hazards; the wall gets only the summary; the responsible unit and the leadership act, the others read.
  'GET /api/warnings':                            { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'GET /api/warnings/summary':                    { in: '2  2  2  2  2  2  2  2  2  2  1' },
  'GET /api/warnings/rules':                      { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'GET /api/warnings/calendar':                   { in: '2  2  2  2  2  2  2  2  3  2  1' },
  'PUT /api/warnings/calendar':                   { in: '3  3  3  3  3  3  3  3  3  2  1' },
  'GET /api/warnings/{id}':                       { in: '2  2  2  2  2  2  2  2  3  2  1',
                                                   out: '-  4  4  4  4  4  4  -  -  -  1' },
  'POST /api/warnings/{id}/actions':              { in: '2  2  2  2  2  2  3  3  3  3  1',
                                                   out: '-  4  4  4  4  4  4  -  -  -  1' },
}

const WALL_TOKEN = 'matrix-wall-token-0123456789abcdef'
const ACCOUNT: Record<Exclude<Role, 'anonymous'>, string> = {
  leader: 'leader', police: 'police', masswork: 'masswork', governance: 'governance', safety: 'safety',
  district: 'district-1', grid: '', analyst: 'analyst', wall: 'wall', admin: 'admin',
}
const CATEGORY: Partial<Record<Role, string>> = { police: 'violent_terror', masswork: 'mass_incident', governance: 'individual_extreme', safety: 'safety_accident' }

interface Request {
  method: string
  path: string
  json?: unknown
  form?: () => Promise<FormData> | FormData
}
/** What each role is given to reach: the entity in its scope and, where there is one, out of it. */
interface Fixture {
  hazard: Record<Scope, number | undefined>
  photo: Record<Scope, number | undefined>
  person: Record<Scope, number | undefined>
  notification: Record<Scope, number | undefined>
  campaign: Record<Scope, { id: number; remove: number } | undefined>
  /** an inspection: in, one the role recorded (or, for roles that record none, a grid worker's it reaches); out, one it does not reach */
  inspection: Record<Scope, number | undefined>
  /** a photo of such an inspection; out, for the analyst and the admin, one of a confidential check */
  inspectionPhoto: Record<Scope, number | undefined>
  /** a warning: in, one the role reaches (and, for the responsible unit, answers for); out, one it does not reach */
  warning: Record<Scope, number | undefined>
  /** a village to report in and record inspections for */
  village: Record<Scope, string | undefined>
  /** the category a role reports in, and one it may not */
  category: Record<Scope, string | undefined>
  /** a list filter naming the role's scope, and one naming what lies outside it */
  filter: Record<Scope, string | undefined>
  username: string
}

let t: TestApp
let doc: { paths: Record<string, Record<string, unknown>> }
const cookies = new Map<Role, string>()
const fixtures = new Map<Role, Fixture>()
let labels: Map<string, [number, number]>
let csvFile: string
let districtsFile: string
let tile: string
const matrix: Array<{ op: string; scope: Scope; role: Role; expected: string; actual: string; detail: string }> = []

async function login(username: string): Promise<string> {
  const res = await t.anonymous.post('/api/auth/login', { username, password: PASSWORD })
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

async function send(cookie: string | undefined, r: Request): Promise<Response> {
  const headers: Record<string, string> = cookie ? { cookie } : {}
  let body: BodyInit | undefined
  if (r.form) body = await r.form()
  else if (r.json !== undefined) {
    body = JSON.stringify(r.json)
    headers['content-type'] = 'application/json'
  }
  return t.app.request(r.path, { method: r.method, headers, body })
}

const file = (text: string | Uint8Array, name: string) => new File([typeof text === 'string' ? new TextEncoder().encode(text) : (text as Uint8Array<ArrayBuffer>)], name)

/** The request that exercises an operation for a role in or out of its scope; undefined when there is no such case. */
function requestFor(op: string, f: Fixture, scope: Scope): Request | undefined {
  const [method, path] = op.split(' ') as [string, string]
  const at = (p: string, extra: Partial<Request> = {}): Request => ({ method, path: p, ...extra })
  const inOnly = (r: () => Request) => (scope === 'in' ? r() : undefined)
  const id = (n: number | undefined, r: (n: number) => Request) => (n === undefined ? undefined : r(n))
  const hazardPath = (n: number) => path.replace('{id}', String(n))
  switch (op) {
    case 'GET /api/areas':
      return inOnly(() => at('/api/areas?level=village'))
    case 'POST /api/auth/login':
      return inOnly(() => at(path, { json: { username: f.username || 'leader', password: PASSWORD } }))
    case 'POST /api/auth/display-token':
      return inOnly(() => at(path, { json: { token: WALL_TOKEN } }))
    case 'GET /api/hazards/export':
      return inOnly(() => at(`${path}?format=csv&${f.filter.in ?? ''}`))
    case 'POST /api/hazards/import':
      return inOnly(() => at(path, { form: () => formOf({ file: file(csvFile, 'ledger.csv') }) }))
    case 'GET /api/hazards':
      return id(f.filter[scope] === undefined ? undefined : 0, () => at(`${path}?limit=50&${f.filter[scope]}`))
    case 'POST /api/hazards': {
      // Out of scope: another category for a lead unit, another village or district for the others.
      const category = scope === 'out' && f.category.out ? f.category.out : f.category.in!
      const village = scope === 'out' && !f.category.out ? f.village.out : f.village.in
      if (!village) return undefined
      const item = { violent_terror: 'key_persons', mass_incident: 'land_disputes', individual_extreme: 'petitioners', safety_accident: 'fire' }[category]
      return at(path, { json: { category, item, title: '授权矩阵测试隐患', location: labels.get(village), source: 'routine' } })
    }
    case 'GET /api/hazards/{id}':
      return id(f.hazard[scope], (n) => at(hazardPath(n)))
    case 'POST /api/hazards/{id}/actions':
      return id(f.hazard[scope], (n) => at(hazardPath(n), { json: { action: 'comment', version: t.services.store.hazards.get(n)!.version, note: '授权矩阵批注' } }))
    case 'POST /api/hazards/{id}/photos':
      return id(f.hazard[scope], (n) => at(hazardPath(n), { form: async () => formOf({ photo: file(await picture('jpeg'), 'p.jpg'), stage: 'found' }) }))
    case 'GET /api/photos/{id}':
      return id(f.photo[scope], (n) => at(hazardPath(n)))
    case 'POST /api/areas/import':
      return inOnly(() => at(path, { form: () => formOf({ file: file(districtsFile, 'districts.geojson'), level: 'district', codeField: 'code' }) }))
    case 'GET /api/stats/areas':
      return inOnly(() => at(`${path}?level=village`))
    case 'GET /api/inspections':
      return id(f.village[scope] === undefined ? undefined : 0, () => at(`${path}?area=${f.village[scope]}`))
    case 'POST /api/inspections':
      return id(f.village[scope] === undefined ? undefined : 0, () =>
        at(path, { json: { source: 'routine', areaId: f.village[scope], date: '2026-11-20', inspectors: '授权矩阵检查组' } }))
    case 'POST /api/inspections/{id}/photos':
      return id(f.inspection[scope], (n) => at(hazardPath(n), { form: async () => formOf({ photo: file(await picture('jpeg'), 'p.jpg') }) }))
    case 'GET /api/inspection-photos/{id}':
      return id(f.inspectionPhoto[scope], (n) => at(hazardPath(n)))
    case 'GET /api/persons/{id}':
    case 'GET /api/persons/{id}/visits':
      return id(f.person[scope], (n) => at(hazardPath(n)))
    case 'POST /api/persons/{id}/reveal':
      return id(f.person[scope], (n) => at(hazardPath(n), { json: { reason: '授权矩阵核查身份' } }))
    case 'POST /api/persons/{id}/visits':
      return id(f.person[scope], (n) => at(hazardPath(n), { json: { date: '2026-11-20', visitors: '授权矩阵走访组', note: '授权矩阵走访记录' } }))
    case 'GET /api/tiles/hazards/{z}/{x}/{y}':
      return inOnly(() => at(tile))
    case 'POST /api/notifications/{id}/read':
      return id(f.notification[scope], (n) => at(hazardPath(n)))
    case 'POST /api/campaigns': {
      const category = f.category[scope]
      if (scope === 'out' && !category) return undefined
      return at(path, { json: { name: '授权矩阵专项', goal: '检验谁可以设立专项', deadline: '2026-12-31', ...(category ? { category } : {}) } })
    }
    case 'GET /api/campaigns/{id}':
      return inOnly(() => at(path.replace('{id}', String(f.campaign.in!.id))))
    case 'POST /api/campaigns/{id}/hazards':
      return id(f.campaign[scope]?.id, (n) => at(path.replace('{id}', String(n)), { json: { remove: [f.campaign[scope]!.remove] } }))
    case 'GET /api/bulletins/{month}':
      return inOnly(() => at(path.replace('{month}', '2026-10')))
    case 'GET /api/posts': {
      if (scope === 'in') return at(path)
      // Out of reach: another district's head for a district or a village, another unit's head for a lead unit.
      if (f.village.out) return at(`${path}?kind=district_head&place=${t.services.store.areas.get(f.village.out)!.parentId}`)
      if (f.category.out) return at(`${path}?kind=lead_unit_head&place=${f.username === 'police' ? 'safety' : 'police'}`)
      return undefined
    }
    case 'GET /api/traceback':
    case 'GET /api/traceback/export':
      // Out of reach: a lead unit asking after a hazard of another category.
      if (scope === 'out' && !f.category.out) return undefined
      return id(f.hazard[scope], (n) => at(`${path}?hazard=${n}`))
    case 'GET /api/scorecards':
      return inOnly(() => at(`${path}?level=district`))
    case 'GET /api/scorecards/records': {
      const unit = (['police', 'masswork', 'governance', 'safety'] as const).find((u) => u === f.username)
      const drill = (level: string, id: string) => at(`${path}?month=2026-11&level=${level}&id=${id}&measure=coverage`)
      if (unit) return drill('unit', scope === 'in' ? unit : unit === 'safety' ? 'police' : 'safety')
      const village = f.village[scope]
      return village ? drill('village', village) : undefined
    }
    case 'PUT /api/scorecards/indicators':
      return inOnly(() => at(path, { json: { weights: { coverage: 30, rectified_on_time: 25, reported_on_time: 15, verified_on_time: 10, supervision_done: 10, warning_response: 10 }, points: { overdue: 2, late_report: 10, missed_report: 10, concealed_report: 10, false_close_out: 5 }, redLine: 60 } }))
    case 'POST /api/posts':
      return inOnly(() => at(path, { json: { kind: 'grid_worker', place: t.services.store.areas.list('grid')[0]!.id, holder: { name: '授权矩阵网格员' }, from: '2026-11-27' } }))
    case 'GET /api/warnings/{id}':
      return id(f.warning[scope], (n) => at(hazardPath(n)))
    case 'POST /api/warnings/{id}/actions':
      return id(f.warning[scope], (n) => at(hazardPath(n), { json: { action: 'note', note: '授权矩阵批注' } }))
    case 'PUT /api/warnings/calendar':
      return inOnly(() => at(path, { json: { entries: DEFAULT_CALENDAR, reason: '授权矩阵' } }))
    case 'POST /api/hazards/{id}/supervision':
      return id(f.hazard[scope], (n) => at(hazardPath(n), { json: { supervisingUnit: 'town', deadline: '2026-12-31', reason: '授权矩阵挂牌' } }))
    case 'POST /api/hazards/{id}/supervision/close':
      return id(f.hazard[scope], (n) => at(hazardPath(n), { json: { note: '授权矩阵摘牌' } }))
    case 'POST /api/hazards/{id}/extensions':
      return id(f.hazard[scope], (n) => at(hazardPath(n), { json: { newDeadline: '2026-12-31', reason: '授权矩阵延期' } }))
    case 'POST /api/hazards/{id}/extensions/{eid}/decision':
      return id(f.hazard[scope], (n) => at(hazardPath(n).replace('{eid}', '999999'), { json: { decision: 'refused', note: '授权矩阵审批' } }))
    default:
      // The rest take no id, area or body: the same request in scope, and no out-of-scope case.
      if (path.includes('{')) throw new Error(`${op}: the matrix does not know how to fill ${path}; add it to requestFor`)
      return inOnly(() => at(path, method === 'POST' ? { json: {} } : {}))
  }
}

function formOf(fields: Record<string, string | File>): FormData {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return form
}

/** The class of an answer: its status, and for a 2xx whether it came generalised or empty. */
async function classOf(res: Response): Promise<{ cls: string; detail: string }> {
  if (res.status === 401) return { cls: '1', detail: '' }
  if (res.status === 403 || res.status === 404) return { cls: res.status === 403 ? '3' : '4', detail: (await res.text()).slice(0, 120) }
  if (res.status === 400) return { cls: '0', detail: (await res.text()).slice(0, 160) }
  if (res.status < 200 || res.status >= 300) return { cls: String(res.status), detail: (await res.text()).slice(0, 160) }
  const type = res.headers.get('content-type') ?? ''
  if (type.includes('text/event-stream')) {
    await res.body?.cancel()
    return { cls: '2', detail: '' }
  }
  if (!type.includes('json')) {
    await res.arrayBuffer()
    return { cls: '2', detail: '' }
  }
  const body = (await res.json()) as Record<string, unknown>
  const list = (Array.isArray(body.features) ? body.features : Array.isArray(body.inspections) ? body.inspections : undefined) as
    | Array<{ properties?: { generalised?: boolean } }>
    | undefined
  if (list?.length === 0) return { cls: 'n', detail: '' }
  if (list?.every((h) => h.properties?.generalised === true)) return { cls: 'g', detail: '' }
  if ((body.hazard as { generalised?: boolean } | undefined)?.generalised === true) return { cls: 'g', detail: '' }
  return { cls: '2', detail: '' }
}

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  )

/** Requests that change what later ones need run last: the boundary import, then logging out. */
const order = (op: string) => (op === 'POST /api/auth/logout' ? 2 : op === 'POST /api/areas/import' ? 1 : 0)

beforeAll(async () => {
  t = await openSeededApp({ WALL_TOKEN })
  doc = await read(t.anonymous.get('/api/openapi.json'))
  const { store } = t.services
  const d1 = store.users.byUsername('district-1')!.areaId!
  const d2 = store.users.byUsername('district-2')!.areaId!
  const villages = store.areas.list('village')
  const v1 = villages.find((v) => v.parentId === d1)!.id
  const v2 = villages.find((v) => v.parentId === d2)!.id
  ACCOUNT.grid = `grid-${v1}`
  labels = new Map(villages.map((v) => [v.id, v.label]))
  for (const role of ROLES) if (role !== 'anonymous') cookies.set(role, await login(ACCOUNT[role]))
  const post = async <T>(role: Role, path: string, json: unknown) => read<T>(send(cookies.get(role), { method: 'POST', path, json }), 201)

  // Fresh hazards, each reported by someone who may: one per category in village 1, one in village 2.
  const report = async (role: Role, category: string, item: string, village: string) =>
    (await post<{ hazard: { id: number } }>(role, '/api/hazards', { category, item, title: `授权矩阵${category}`, location: labels.get(village), source: 'routine' })).hazard.id
  const safe = await report('grid', 'safety_accident', 'fire', v1)
  const other = await report('safety', 'safety_accident', 'fire', v2)
  const byCategory: Record<string, number> = {
    violent_terror: await report('police', 'violent_terror', 'key_persons', v1),
    mass_incident: await report('masswork', 'mass_incident', 'land_disputes', v1),
    individual_extreme: await report('governance', 'individual_extreme', 'petitioners', v1),
    safety_accident: safe,
  }
  const photoOf = new Map<number, number>()
  for (const [category, id] of Object.entries(byCategory)) {
    const reporter = (Object.entries(CATEGORY).find(([, c]) => c === category)?.[0] ?? 'grid') as Role
    const form = formOf({ photo: file(await picture('jpeg'), 'p.jpg'), stage: 'found' })
    const { photo } = await read<{ photo: { id: number } }>(t.app.request(`/api/hazards/${id}/photos`, { method: 'POST', headers: { cookie: cookies.get(reporter)! }, body: form }), 201)
    photoOf.set(id, photo.id)
  }

  // Inspections with a photo, each recorded by a role that may: the recorders' own in village 1, and the safety unit's in village 2.
  const recordWithPhoto = async (role: Role, json: Record<string, unknown>) => {
    const { inspection } = await post<{ inspection: { id: number } }>(role, '/api/inspections', { source: 'routine', date: '2026-11-20', inspectors: '授权矩阵检查组', hazardsFound: 0, ...json })
    const form = formOf({ photo: file(await picture('jpeg'), 'p.jpg') })
    const { photo } = await read<{ photo: { id: number } }>(t.app.request(`/api/inspections/${inspection.id}/photos`, { method: 'POST', headers: { cookie: cookies.get(role)! }, body: form }), 201)
    return { inspection: inspection.id, photo: photo.id }
  }
  const checks: Partial<Record<Role, { inspection: number; photo: number }>> = {
    grid: await recordWithPhoto('grid', { areaId: v1 }),
    district: await recordWithPhoto('district', { source: 'concentrated', areaId: v1 }),
  }
  for (const [role, category] of Object.entries(CATEGORY)) checks[role as Role] = await recordWithPhoto(role as Role, { source: 'focused', areaId: v1, category })
  const elsewhere = await recordWithPhoto('safety', { source: 'focused', areaId: v2, category: 'safety_accident' })
  /** Out of reach: another village's for a village or district, another category's for a lead unit, a confidential one for those not cleared. */
  const checkOut = (role: Role) =>
    role === 'leader' ? undefined : role === 'district' || role === 'grid' ? elsewhere : CATEGORY[role] ? checks[role === 'safety' ? 'masswork' : 'safety'] : checks.governance

  const persons = store.persons.list()
  const personOf = (item: string) => persons.find((p) => personKinds[p.kind as keyof typeof personKinds].item === item)!.id
  const terror = personOf('key_persons')
  const petitioner = personOf('petitioners')

  const campaign = async (role: Role, category?: string) =>
    (await post<{ campaign: { id: number } }>(role, '/api/campaigns', { name: `授权矩阵${role}`, goal: '矩阵', deadline: '2026-12-31', ...(category ? { category } : {}) })).campaign.id
  const open = await campaign('analyst')
  const ofTerror = await campaign('police')
  const ofSafety = await campaign('safety')

  // Warnings: one per lead unit in its category (safety's, governance's and police's in village 1,
  // masswork's in village 2) and one to district 1 over it.
  const { issued } = await issueWarnings(t.services, '2026-11-28', fakeDetect(() => [
    hotSpot(t.services, {}, v1),
    hotSpot(t.services, { key: 'matrix|governance', category: 'individual_extreme', item: 'petitioners', responsible: { kind: 'lead_unit', id: 'governance' } }, v1),
    hotSpot(t.services, { key: 'matrix|police', category: 'violent_terror', item: 'key_persons', responsible: { kind: 'lead_unit', id: 'police' } }, v1),
    hotSpot(t.services, { key: 'matrix|masswork', category: 'mass_incident', item: 'land_disputes', responsible: { kind: 'lead_unit', id: 'masswork' } }, v2),
    overdue(t.services, {}, v1),
  ]))
  const [wSafety, wGovernance, wPolice, wMasswork, wDistrict] = issued.map((w) => w.id)
  const warningIn: Partial<Record<Role, number>> = { police: wPolice, masswork: wMasswork, governance: wGovernance, district: wDistrict }
  const warningOut: Partial<Record<Role, number>> = { police: wSafety, masswork: wSafety, governance: wSafety, safety: wMasswork, district: wMasswork, grid: wMasswork, anonymous: wMasswork }

  for (const role of ROLES) {
    const username = role === 'anonymous' ? '' : ACCOUNT[role]
    const own = CATEGORY[role]
    const hazardIn = own ? byCategory[own]! : safe
    const hazardOut = role === 'leader' ? undefined : role === 'district' || role === 'grid' ? other : own && own !== 'violent_terror' ? byCategory.violent_terror : own ? safe : byCategory.violent_terror
    const note = (who: string) => store.notifications.insert({ username: who, hazardId: safe, message: `授权矩阵通知 ${who}`, createdAt: new Date().toISOString() }).id
    fixtures.set(role, {
      username,
      hazard: { in: hazardIn, out: hazardOut },
      photo: { in: photoOf.get(hazardIn), out: hazardOut === undefined ? undefined : photoOf.get(hazardOut) },
      inspection: { in: (checks[role] ?? checks.grid)!.inspection, out: CATEGORY[role] || role === 'district' || role === 'grid' ? checkOut(role)?.inspection : undefined },
      inspectionPhoto: { in: (checks[role] ?? checks.grid)!.photo, out: checkOut(role)?.photo },
      person: { in: role === 'governance' ? petitioner : terror, out: role === 'leader' ? undefined : role === 'police' ? petitioner : role === 'governance' ? terror : petitioner },
      // Anonymous callers own nothing: "in" is simply someone's notification.
      notification: { in: note(username || 'leader'), out: note(username === 'safety' ? 'police' : 'safety') },
      campaign: { in: { id: open, remove: hazardIn }, out: own ? { id: own === 'violent_terror' ? ofSafety : ofTerror, remove: hazardIn } : undefined },
      warning: { in: warningIn[role] ?? wSafety, out: warningOut[role] },
      village: { in: v1, out: role === 'district' || role === 'grid' ? v2 : undefined },
      category: { in: own ?? 'safety_accident', out: own ? (own === 'safety_accident' ? 'mass_incident' : 'safety_accident') : undefined },
      filter: {
        in: role === 'district' ? `area=${d1}` : role === 'grid' ? `area=${v1}` : `category=${own ?? 'safety_accident'}`,
        out: role === 'leader' ? undefined : role === 'district' ? `area=${d2}` : role === 'grid' ? `area=${v2}` : own ? `category=${own === 'safety_accident' ? 'mass_incident' : 'safety_accident'}` : 'category=violent_terror',
      },
    })
  }
  // A photo out of scope for a village or district is one of the other village's hazard.
  const otherPhoto = await read<{ photo: { id: number } }>(
    t.app.request(`/api/hazards/${other}/photos`, { method: 'POST', headers: { cookie: cookies.get('safety')! }, body: formOf({ photo: file(await picture('jpeg'), 'p.jpg') }) }),
    201,
  )
  for (const role of ['district', 'grid'] as const) fixtures.get(role)!.photo.out = otherPhoto.photo.id

  // Import files that authorisation alone decides: the export's own columns (its rows already in
  // the ledger, so nothing is created), and the districts' own shapes (so nothing moves).
  const leader = cookies.get('leader')
  csvFile = await (await send(leader, { method: 'GET', path: `/api/hazards/export?format=csv&q=${encodeURIComponent('授权矩阵safety')}` })).text()
  districtsFile = await (await send(leader, { method: 'GET', path: '/api/areas?level=district' })).text()
  const [lon, lat] = labels.get(v1)!
  const z = 12
  const x = Math.floor(((lon + 180) / 360) * 2 ** z)
  const r = (lat * Math.PI) / 180
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z)
  tile = `/api/tiles/hazards/${z}/${x}/${y}`
}, 120_000)
afterAll(() => t?.close())

describe('the authorisation matrix', () => {
  it('has a row for every operation in the OpenAPI document, and no row for one it lacks', () => {
    const documented = operations()
    expect(documented.length).toBeGreaterThan(30)
    expect(documented.filter((op) => !EXPECTED[op]), 'documented but not in the table').toEqual([])
    expect(Object.keys(EXPECTED).filter((op) => !documented.includes(op)), 'in the table but not documented').toEqual([])
  })

  it('gives every role, in and out of its scope, exactly the expected answer', async () => {
    const ops = operations().filter((op) => EXPECTED[op]).sort((a, b) => order(a) - order(b))
    for (const op of ops)
      for (const scope of ['in', 'out'] as const)
        for (const [i, role] of ROLES.entries()) {
          const expected = EXPECTED[op]![scope]?.split(/\s+/)[i] ?? '-'
          const fixture = fixtures.get(role)!
          const request = requestFor(op, fixture, scope)
          if (!request) {
            matrix.push({ op, scope, role, expected, actual: '-', detail: '' })
            continue
          }
          // Logging in or out ends the session it is sent with: each gets one of its own.
          const cookie = role === 'anonymous' ? undefined : op.startsWith('POST /api/auth/') ? await login(ACCOUNT[role]) : cookies.get(role)
          const { cls, detail } = await classOf(await send(cookie, request))
          matrix.push({ op, scope, role, expected, actual: cls, detail: `${request.method} ${request.path} → ${detail}` })
        }

    const width = Math.max(...matrix.map((m) => m.op.length)) + 5
    const lines = [`${'expected/actual'.padEnd(width)}${ROLES.map((r) => r.slice(0, 5).padEnd(6)).join('')}`]
    for (const op of ops)
      for (const scope of ['in', 'out'] as const) {
        const row = matrix.filter((m) => m.op === op && m.scope === scope)
        if (row.every((m) => m.expected === '-' && m.actual === '-')) continue
        lines.push(`${`${op} ${scope}`.padEnd(width)}${row.map((m) => (m.expected === m.actual ? ` ${m.actual}    ` : `${m.expected}≠${m.actual}!`).padEnd(6)).join('')}`)
      }
    const cells = matrix.filter((m) => m.expected !== '-' || m.actual !== '-')
    const wrong = cells.filter((m) => m.expected !== m.actual)
    lines.push(`${cells.length - wrong.length} of ${cells.length} cells as expected (${(((cells.length - wrong.length) / cells.length) * 100).toFixed(1)} %)`)
    console.log(lines.join('\n'))
    expect(wrong.map((m) => `${m.op} ${m.scope} as ${m.role}: expected ${m.expected}, got ${m.actual} (${m.detail})`)).toEqual([])
    expect(cells.length).toBeGreaterThan(400)
  }, 180_000)
})
