import { describe, expect, it } from 'vitest'
import { campaignState, joinableIds } from '../../../web/records/campaigns'

const campaign = (daysLeft: number, total: number, open: number) => ({ daysLeft, progress: { total, open } })

describe('campaign state', () => {
  it('is done once every hazard in it is closed, even past the deadline', () => {
    expect(campaignState(campaign(-3, 4, 0))).toBe('done')
  })

  it('is not done while it holds no hazards', () => {
    expect(campaignState(campaign(30, 0, 0))).toBe('running')
  })

  it('is past its deadline with hazards still open', () => {
    expect(campaignState(campaign(-1, 4, 1))).toBe('past')
  })

  it('is near within a week of its deadline, the last day included', () => {
    expect(campaignState(campaign(7, 4, 1))).toBe('soon')
    expect(campaignState(campaign(0, 4, 1))).toBe('soon')
    expect(campaignState(campaign(8, 4, 1))).toBe('running')
  })
})

describe('hazards a campaign may take', () => {
  const hazards = [
    { id: 1, category: 'safety_accident' as const, campaignId: null },
    { id: 2, category: 'safety_accident' as const, campaignId: 9 },
    { id: 3, category: 'mass_incident' as const, campaignId: null },
  ]

  it('leaves out hazards already in a campaign', () => {
    expect(joinableIds(hazards, { category: null })).toEqual([1, 3])
  })

  it('takes only its own category when it has one', () => {
    expect(joinableIds(hazards, { category: 'safety_accident' })).toEqual([1])
  })
})
