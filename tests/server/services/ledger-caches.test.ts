import { describe, expect, it } from 'vitest'
import { categoryIds, itemById, itemIds } from '../../../server/domain/categories'
import { riskLevelIds } from '../../../server/domain/levels'
import { sourceIds } from '../../../server/domain/sources'
import { statusIds } from '../../../server/domain/statuses'
import { type AreaNode, type HazardFilter, type IndexedHazard, LedgerIndex, type Reach } from '../../../server/services/ledger'
import { addDays } from '../../../server/domain/days'

/**
 * The ledger's kept answers (summaries brought up to date by the rows a write changed, the list
 * walking a kept newest-first order) must equal a full pass over the ledger after any writes.
 */

function random(seed: number) {
  let x = seed
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648)
}

const areas: AreaNode[] = [{ id: 't', name: 'T', level: 'town', parentId: null, population: null, label: [120, 30] }]
for (const d of ['d1', 'd2']) {
  areas.push({ id: d, name: d, level: 'district', parentId: 't', population: null })
  for (const v of ['a', 'b']) {
    areas.push({ id: `${d}${v}`, name: `${d}${v}`, level: 'village', parentId: d, population: 100, label: [120 + (d === 'd1' ? 0.1 : 0.2), v === 'a' ? 30.1 : 30.2] })
    for (const g of ['1', '2']) areas.push({ id: `${d}${v}${g}`, name: `${d}${v}${g}`, level: 'grid', parentId: `${d}${v}`, population: 10 })
  }
}
const grids = areas.filter((a) => a.level === 'grid').map((a) => a.id)

function hazard(rnd: () => number, id: number): IndexedHazard {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const status = pick(statusIds)
  const discoveredAt = addDays('2026-06-01', Math.floor(rnd() * 150))
  return {
    id, areaId: pick(grids), item: pick(itemIds), status, level: rnd() < 0.3 ? null : pick(riskLevelIds), source: pick(sourceIds),
    discoveredAt, deadline: rnd() < 0.5 ? addDays(discoveredAt, Math.floor(rnd() * 60)) : null,
    closedAt: status === 'closed' && rnd() < 0.8 ? addDays(discoveredAt, 5) : null, escalated: rnd() < 0.1,
    campaignId: rnd() < 0.2 ? 1 + Math.floor(rnd() * 2) : null, location: [120 + rnd() * 0.3, 30 + rnd() * 0.3],
    foundAt: `${discoveredAt}T09:00:00+08:00`, reportedAt: `${discoveredAt}T10:30:00+08:00`, rectifiedAt: null, siteId: null,
  }
}

const everyone: Reach = { clearedCategories: [...categoryIds] }
const reaches: Reach[] = [
  everyone,
  { areaIds: ['d1'], clearedCategories: [...categoryIds] },
  { categories: ['safety_accident'], clearedCategories: ['safety_accident'] },
  { clearedCategories: [], generalisedItems: itemIds.filter((id) => itemById.get(id)!.confidential) },
]
const filters: HazardFilter[] = [
  {}, { status: ['assigned', 'rectifying'] }, { category: ['safety_accident'], overdue: true }, { area: ['d2a'] },
  { from: '2026-08-01' }, { openOn: '2026-09-01', escalated: true }, { campaign: 1 }, { level: ['major', 'general'], source: ['routine'] },
  { area: ['d1a1'], bbox: [120, 30, 120.15, 30.15] },
]
const TODAY = '2026-10-15'

describe('the ledger index kept current by writes', () => {
  it('summaries and newest-first pages equal a full pass after every batch of writes', () => {
    const rnd = random(7)
    let next = 1
    const initial = Array.from({ length: 3000 }, () => hazard(rnd, next++))
    const ledger = new LedgerIndex(areas, initial)
    const current = new Map(initial.map((h) => [h.id, h]))
    for (let round = 0; round < 12; round++) {
      for (const reach of reaches)
        for (const filter of filters) {
          const sel = ledger.select(filter, reach, TODAY)
          expect(ledger.summaryOf(filter, reach, TODAY)).toEqual(ledger.summary(sel, TODAY))
          const all = ledger.newest(sel, sel.length)
          expect(ledger.newestOf(filter, reach, TODAY, null, 101)).toEqual(all.slice(0, 101))
          // A page from a cursor in the middle, as the list's nextCursor gives.
          const mid = all[Math.floor(all.length / 2)]
          if (mid !== undefined) {
            const h = current.get(mid)!
            const day = Math.round(Date.parse(h.discoveredAt) / 86_400_000)
            const from = all.indexOf(mid) + 1
            expect(ledger.newestOf(filter, reach, TODAY, null, 50, { day, id: mid })).toEqual(all.slice(from, from + 50))
          }
        }
      // Writes: new hazards (some discovered in the past), and changes to existing ones, the discovery day among them.
      for (let k = 0; k < 400 + round * 100; k++) {
        const h = rnd() < 0.4 ? hazard(rnd, next++) : { ...hazard(rnd, 1 + Math.floor(rnd() * (next - 1))) }
        if (rnd() < 0.5 && current.has(h.id)) h.discoveredAt = current.get(h.id)!.discoveredAt
        current.set(h.id, h)
        ledger.upsert(h)
      }
    }
    expect(ledger.size).toBe(current.size)
  })
})
