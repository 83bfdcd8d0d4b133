import type { HazardAction, HazardReport, HazardView } from '../../server/domain/contract/hazards'
import { api, call } from './client'

/**
 * `POST /api/hazards` — registers a hazard (status reported), or, with `onTheSpot`, registers it
 * already rectified in the same commit; 400 names each bad field. Sent again under the same `key`
 * (its Idempotency-Key) after a lost answer, it is registered once.
 */
export async function reportHazard(body: HazardReport, key?: string): Promise<HazardView> {
  return (await call(api.hazards.$post({ json: body }, key ? { headers: { 'Idempotency-Key': key } } : undefined))).hazard
}

/**
 * `POST /api/hazards/:id/actions` — one step of the hazard's life. 409: someone changed it since it
 * was loaded; 422: not allowed in its status; 403: not for this role.
 */
export async function takeAction(hazardId: number, body: HazardAction): Promise<HazardView> {
  return (await call(api.hazards[':id'].actions.$post({ param: { id: String(hazardId) }, json: body }))).hazard
}
