import type { HandlingLevel } from '../../server/domain/areas'
import type { CategoryId } from '../../server/domain/categories'
import type { RiskLevel } from '../../server/domain/levels'
import type { SourceId } from '../../server/domain/sources'
import { postJson } from './client'
import type { HazardView } from './hazards'

/** `POST /api/hazards` body: the area is found by the server from the location. */
export interface NewHazard {
  category: CategoryId
  item: string
  title: string
  description?: string
  location: [lon: number, lat: number]
  source: SourceId
  siteId?: string
  /** YYYY-MM-DD; the server's today when left out */
  discoveredAt?: string
}

/** Each lifecycle step's body, as server/routes/hazards.ts validates it; `version` guards against stale edits (409). */
export type ActionRequest = { version: number } & (
  | { action: 'assess'; level: RiskLevel; measures: string; handlingLevel?: HandlingLevel }
  | { action: 'assign'; responsibleUnit: string; responsiblePerson: string; deadline?: string }
  | { action: 'start' }
  | { action: 'rectify'; note: string; noPhotoReason?: string }
  | { action: 'verify'; passed: boolean; note: string }
  | { action: 'escalate'; reason: string }
  | { action: 'comment'; note: string }
)

interface HazardAnswer {
  hazard: HazardView
}

/** `POST /api/hazards` — registers a hazard (status reported); 400 names each bad field. */
export async function reportHazard(body: NewHazard): Promise<HazardView> {
  return (await postJson<HazardAnswer>('/api/hazards', body)).hazard
}

/**
 * `POST /api/hazards/:id/actions` — one step of the hazard's life. 409: someone changed it since it
 * was loaded; 422: not allowed in its status; 403: not for this role.
 */
export async function takeAction(hazardId: number, body: ActionRequest): Promise<HazardView> {
  return (await postJson<HazardAnswer>(`/api/hazards/${encodeURIComponent(String(hazardId))}/actions`, body)).hazard
}
