import type { Hazard, HazardEvent } from '../../../../server/domain/schemas'
import type { AreaRecord, Store } from '../../../../server/store/types'

/**
 * The least ledger the records' contract tests stand on (photos, notifications and campaigns
 * point to hazards, hazards to areas): one cell of one town, and hazards made by `makeHazard`.
 */
const square: AreaRecord['geometry'] = { type: 'Polygon', coordinates: [[[118, 36], [118.1, 36], [118.1, 36.1], [118, 36.1], [118, 36]]] }

const area = (id: string, level: AreaRecord['level'], parentId: string | null): AreaRecord => ({
  id, code: id, name: id, level, parentId, population: null, households: null, fullName: null,
  label: [118.05, 36.05], bbox: [118, 36, 118.1, 36.1], geometry: square,
})

export const cell = { townId: 'town', districtId: 'district', villageId: 'village', areaId: 'grid' } as const

export function makeHazard(id: number, over: Partial<Hazard> = {}): Hazard {
  return {
    id, code: `YH2026${String(id).padStart(7, '0')}`, title: `隐患 ${id}`, description: '', category: 'safety_accident', item: 'fire',
    status: 'reported', level: null, source: 'routine', location: [118.05, 36.05], ...cell, siteId: null,
    discoveredAt: '2026-11-01', foundAt: '2026-11-01T09:00:00+08:00', reportedAt: '2026-11-01T09:00:00+08:00', receivedAt: '2026-11-01T09:00:00+08:00',
    reportedBy: 'grid-1', measures: null, leadUnit: 'safety', responsibleUnit: null, responsiblePerson: null, deadline: null,
    handlingLevel: null, escalated: false, rectifiedAt: null, closedAt: null, campaignId: null, version: 1, updatedAt: '2026-11-01T09:00:00+08:00',
    ...over,
  }
}

/** The report event each made hazard starts with. */
export const reported = (h: Hazard): HazardEvent => ({ hazardId: h.id, at: h.reportedAt, actor: h.reportedBy, action: 'report', note: null, from: null, to: 'reported' })

/** The town's four areas, then these hazards with their report events. */
export function withLedger(store: Store, hazards: readonly Hazard[]): void {
  store.areas.insertMany([area('town', 'town', null), area('district', 'district', 'town'), area('village', 'village', 'district'), area('grid', 'grid', 'village')])
  store.hazards.insertMany(hazards, hazards.map(reported))
}
