import type { Campaign, CampaignProgress } from '../../server/domain/contract/campaigns'
import type { HazardView } from '../../server/domain/contract/hazards'

export type CampaignState = 'done' | 'past' | 'soon' | 'running'

/** A campaign's deadline within this many days is shown as near. */
export const SOON_DAYS = 7

/** What the state is judged from: a campaign's days left and counts (the contract's fields). */
type Progressing = Pick<Campaign, 'daysLeft'> & { progress: Pick<CampaignProgress, 'total' | 'open'> }

/** Done once every hazard in it is closed out; else past its deadline, near it, or running. */
export function campaignState(c: Progressing): CampaignState {
  if (c.progress.total > 0 && c.progress.open === 0) return 'done'
  if (c.daysLeft < 0) return 'past'
  if (c.daysLeft <= SOON_DAYS) return 'soon'
  return 'running'
}

/** What joining is judged from: a hazard's id, category and campaign (the contract's fields). */
type Candidate = Pick<HazardView, 'id' | 'category' | 'campaignId'>

/**
 * Of the hazards in view, the ids a campaign may take. The server takes a change all or nothing,
 * so hazards already in a campaign (this or another) and, for a campaign of one category, those of
 * other categories are left out beforehand rather than refusing the lot.
 */
export function joinableIds(hazards: readonly Candidate[], campaign: Pick<Campaign, 'category'>): number[] {
  return hazards.filter((h) => h.campaignId === null && (campaign.category === null || h.category === campaign.category)).map((h) => h.id)
}
