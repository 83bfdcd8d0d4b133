import type { Campaign, CampaignChange, CampaignDetail, NewCampaign } from '../../server/domain/contract/campaigns'
import { api, call } from './client'

// The shapes are defined once, by the contract (server/domain/contract/campaigns.ts).
export type { Campaign, CampaignChange, CampaignDetail, CampaignProgress, NewCampaign } from '../../server/domain/contract/campaigns'

/** `GET /api/campaigns` — newest first. */
export async function fetchCampaigns(): Promise<Campaign[]> {
  return (await call(api.campaigns.$get())).campaigns
}

/** `GET /api/campaigns/:id` — one campaign and its hazards (generalised where not cleared). */
export function fetchCampaign(id: number): Promise<CampaignDetail> {
  return call(api.campaigns[':id'].$get({ param: { id: String(id) } }))
}

/** `POST /api/campaigns` — the analyst, or a lead unit for its own category. */
export async function createCampaign(input: NewCampaign): Promise<Campaign> {
  return (await call(api.campaigns.$post({ json: input }))).campaign
}

/** `POST /api/campaigns/:id/hazards` — all or nothing: one hazard out of reach refuses the lot (422). */
export function changeCampaignHazards(id: number, add: number[], remove: number[] = []): Promise<CampaignChange> {
  return call(api.campaigns[':id'].hazards.$post({ param: { id: String(id) }, json: { add, remove } }))
}
