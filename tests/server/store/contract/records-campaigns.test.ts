import { afterEach, describe, expect, it } from 'vitest'
import type { CampaignRecord } from '../../../../server/store/types'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { makeHazard, withLedger } from './records-ledger'

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

const campaign = (name: string, over: Partial<CampaignRecord> = {}): Omit<CampaignRecord, 'id'> => ({
  name, goal: '清零燃气隐患', deadline: '2026-12-31', category: 'safety_accident', createdBy: 'leader', createdAt: '2026-11-28T02:00:00.000Z', ...over,
})

describe('the store (each adapter): campaigns', () => {
  it('gives a campaign back as written, and lists campaigns newest first', async () => {
    open = await openBareStore()
    const { campaigns } = open.store
    expect(campaigns.list()).toEqual([])
    const gas = campaigns.insert(campaign('燃气专项'))
    const any = campaigns.insert(campaign('冬季专项', { category: null }))
    expect(gas).toEqual({ ...campaign('燃气专项'), id: gas.id })
    expect(campaigns.get(any.id)).toEqual({ ...campaign('冬季专项', { category: null }), id: any.id })
    expect(campaigns.get(9999)).toBeUndefined()
    expect(campaigns.list()).toEqual([any, gas])
  })

  it('groups hazards in a campaign, counting only those it changed, and lists them by id', async () => {
    open = await openBareStore()
    const { campaigns, hazards } = open.store
    withLedger(open.store, [1, 2, 3, 4, 5].map((id) => makeHazard(id)))
    const gas = campaigns.insert(campaign('燃气专项'))
    const winter = campaigns.insert(campaign('冬季专项'))
    expect(campaigns.setCampaign([4, 2, 2, 99], gas.id)).toBe(2)
    expect(campaigns.setCampaign([2, 3], gas.id)).toBe(1)
    expect(campaigns.setCampaign([5], winter.id)).toBe(1)
    expect(campaigns.hazardIds(gas.id)).toEqual([2, 3, 4])
    expect(hazards.get(4)?.campaignId).toBe(gas.id)
    // moving a hazard to another campaign takes it out of the first
    expect(campaigns.setCampaign([3], winter.id)).toBe(1)
    expect(campaigns.hazardIds(winter.id)).toEqual([3, 5])
    expect(campaigns.setCampaign([], gas.id)).toBe(0)
    expect(campaigns.hazardIds(9999)).toEqual([])
  })

  it('takes hazards out of their campaign with null', async () => {
    open = await openBareStore()
    const { campaigns, hazards } = open.store
    withLedger(open.store, [1, 2, 3].map((id) => makeHazard(id)))
    const gas = campaigns.insert(campaign('燃气专项'))
    campaigns.setCampaign([1, 2, 3], gas.id)
    expect(campaigns.setCampaign([1, 3], null)).toBe(2)
    expect(campaigns.setCampaign([1], null)).toBe(0)
    expect(campaigns.hazardIds(gas.id)).toEqual([2])
    expect(hazards.get(1)?.campaignId).toBeNull()
  })

  it('refuses to put hazards in a campaign that does not exist', async () => {
    open = await openBareStore()
    withLedger(open.store, [makeHazard(1)])
    expect(() => open!.store.campaigns.setCampaign([1], 9999)).toThrow()
    expect(open.store.hazards.get(1)?.campaignId).toBeNull()
  })
})

describe('the store (each adapter): ledger files', () => {
  it('says which of a file’s hazard codes the ledger already holds', async () => {
    open = await openBareStore()
    withLedger(open.store, [makeHazard(1), makeHazard(2, { code: 'YH-IMPORTED-7' })])
    const { ledgerFiles } = open.store
    expect(ledgerFiles.existingCodes([])).toEqual(new Set())
    expect(ledgerFiles.existingCodes(['YH20260000001', 'YH20260000009', 'YH-IMPORTED-7', 'yh-imported-7'])).toEqual(new Set(['YH20260000001', 'YH-IMPORTED-7']))
  })
})
