import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../server/domain/roles'
import { mayReadBulletin, mayRunCampaigns, recordPanelsFor } from '../../../web/records/access'

const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({ role, ...extra })

describe('key persons panel', () => {
  it('is offered to the leader and to the police and governance lead units', () => {
    expect(recordPanelsFor(actor('leader')).persons).toBe(true)
    expect(recordPanelsFor(actor('lead_unit', { leadUnit: 'police' })).persons).toBe(true)
    expect(recordPanelsFor(actor('lead_unit', { leadUnit: 'governance' })).persons).toBe(true)
  })

  it('is not offered to anyone else, so their page never asks for persons', () => {
    for (const a of [actor('analyst'), actor('district', { areaId: 'd1' }), actor('grid', { areaId: 'v1' }), actor('wall'), actor('admin'), actor('lead_unit', { leadUnit: 'safety' })])
      expect(recordPanelsFor(a).persons, a.role + (a.leadUnit ?? '')).toBe(false)
  })
})

describe('other panels', () => {
  it('gives boundaries to the admin only', () => {
    expect(recordPanelsFor(actor('admin')).boundaries).toBe(true)
    expect(recordPanelsFor(actor('leader')).boundaries).toBe(false)
  })

  it('gives the audit log to the admin and the leader only', () => {
    expect(recordPanelsFor(actor('admin')).audit).toBe(true)
    expect(recordPanelsFor(actor('leader')).audit).toBe(true)
    for (const a of [actor('analyst'), actor('lead_unit', { leadUnit: 'police' }), actor('district'), actor('grid'), actor('wall')]) expect(recordPanelsFor(a).audit, a.role).toBe(false)
  })

  it('gives the wall nothing', () => {
    expect(Object.values(recordPanelsFor(actor('wall'))).some(Boolean)).toBe(false)
  })

  it('sends the bulletin to analyst, leader, lead units and districts, not to villages', () => {
    expect(mayReadBulletin(actor('analyst'))).toBe(true)
    expect(mayReadBulletin(actor('district', { areaId: 'd1' }))).toBe(true)
    expect(mayReadBulletin(actor('grid', { areaId: 'v1' }))).toBe(false)
  })

  it('lets the analyst and lead units run campaigns, not districts', () => {
    expect(mayRunCampaigns(actor('analyst'))).toBe(true)
    expect(mayRunCampaigns(actor('lead_unit', { leadUnit: 'safety' }))).toBe(true)
    expect(mayRunCampaigns(actor('district', { areaId: 'd1' }))).toBe(false)
  })
})
