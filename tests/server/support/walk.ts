import { expect } from 'vitest'
import type { ErrorBody } from '../../../server/domain/contract/common'
import type { HazardAction, HazardReport } from '../../../server/domain/contract/hazards'
import type { RiskLevel } from '../../../server/domain/levels'
import type { Status } from '../../../server/domain/statuses'
import type { Client } from './app'
import { type Answered, type HazardProps, ok, read } from './ledger'

export type { Status }
type WithoutVersion<A> = A extends unknown ? Omit<A, 'version'> : never
/** A step's body without its version, which `act` adds from the hazard as last read. */
export type ActionBody = WithoutVersion<HazardAction>

export const reportBody = { category: 'safety_accident', item: 'fire', title: '农资店消防器材过期', source: 'routine' } satisfies Omit<HazardReport, 'location'>

/** The step that leads out of each status on the ordinary path, and who takes it. */
const path: Array<[from: Status, role: 'grid' | 'district', body: ActionBody]> = [
  ['reported', 'district', { action: 'assess', level: 'general', measures: '清理更换灭火器' }],
  ['assessed', 'district', { action: 'assign', responsibleUnit: '农资店', responsiblePerson: '王立国' }],
  ['assigned', 'grid', { action: 'start' }],
  // Its evidence for the verifier (four eyes): the path uploads no after-photo, so it says why there is none.
  ['rectifying', 'grid', { action: 'rectify', note: '已更换灭火器', noPhotoReason: '旧灭火器已由厂家回收，现场仅余新器材' }],
  ['rectified', 'district', { action: 'verify', passed: true, note: '验收合格' }],
]

export const act = (as: Client, h: Pick<HazardProps, 'id' | 'version'>, body: ActionBody) =>
  as.api.hazards[':id'].actions.$post({ param: { id: String(h.id) }, json: { version: h.version, ...body } })

/** A step's body the contract refuses (a wrong type, a field of another step), sent as it is: only the server may judge it. */
export const actUnchecked = (as: Client, h: Pick<HazardProps, 'id' | 'version'>, body: Record<string, unknown>) =>
  as.post(`/api/hazards/${h.id}/actions`, { version: h.version, ...body })

export interface Walkers {
  grid: Client
  district: Client
  location: [number, number]
}

/**
 * A factory of fresh hazards: each is reported by the grid worker at the location and walked by
 * the grid worker and the district officer along the ordinary path to the status asked for.
 * `walkers` is read at each call, so it may name clients a beforeAll has yet to log in.
 */
export function hazardFactory(walkers: () => Walkers) {
  const report = () => walkers().grid.api.hazards.$post({ json: { ...reportBody, location: walkers().location } })
  async function hazardAt(status: Status, level: RiskLevel = 'general'): Promise<HazardProps> {
    const { grid, district } = walkers()
    let h: HazardProps = (await ok(report(), 201)).hazard
    for (const [from, role, body] of path) {
      if (h.status === status) break
      expect(h.status).toBe(from)
      const step = body.action === 'assess' ? { ...body, level } : body
      h = (await ok(act(role === 'grid' ? grid : district, h, step))).hazard
    }
    expect(h.status).toBe(status)
    return h
  }
  return { report, hazardAt }
}

/** A refused request changes nothing: the hazard's detail (status, version, events) reads the same after. */
export async function expectRefused<B extends ErrorBody = ErrorBody>(reader: Client, h: Pick<HazardProps, 'id'>, res: () => Promise<Answered>, status: number): Promise<B> {
  const detail = () => ok(reader.api.hazards[':id'].$get({ param: { id: String(h.id) } }))
  const before = await detail()
  const body = await read<B>(res(), status)
  expect(body.error.code).toMatch(/^[a-z_]+$/)
  expect(await detail()).toEqual(before)
  return body
}
