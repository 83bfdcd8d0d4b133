import type { CategoryId } from '../../server/domain/categories'
import type { HazardView } from './hazards'
import { getJson, postJson } from './client'

export interface CampaignProgress {
  total: number
  closed: number
  open: number
  overdue: number
  /** closed ÷ total, 0–1 */
  closeRate: number
}

/** A special campaign (专项整治) as `GET /api/campaigns` shows it, progress counted within the caller's reach. */
export interface Campaign {
  id: number
  name: string
  goal: string
  deadline: string
  category: CategoryId | null
  createdBy: string
  createdAt: string
  daysLeft: number
  progress: CampaignProgress
}

export interface NewCampaign {
  name: string
  goal: string
  deadline: string
  category?: CategoryId
}

export interface CampaignDetail {
  campaign: Campaign
  hazards: HazardView[]
}

/** `GET /api/campaigns` — newest first. */
export async function fetchCampaigns(): Promise<Campaign[]> {
  return (await getJson<{ campaigns: Campaign[] }>('/api/campaigns')).campaigns
}

/** `GET /api/campaigns/:id` — one campaign and its hazards (generalised where not cleared). */
export function fetchCampaign(id: number): Promise<CampaignDetail> {
  return getJson<CampaignDetail>(`/api/campaigns/${id}`)
}

/** `POST /api/campaigns` — the analyst, or a lead unit for its own category. */
export async function createCampaign(input: NewCampaign): Promise<Campaign> {
  return (await postJson<{ campaign: Campaign }>('/api/campaigns', input)).campaign
}

/** `POST /api/campaigns/:id/hazards` — all or nothing: one hazard out of reach refuses the lot (422). */
export function changeCampaignHazards(id: number, add: number[], remove: number[] = []): Promise<CampaignDetail & { added: number; removed: number }> {
  return postJson(`/api/campaigns/${id}/hazards`, { add, remove })
}
