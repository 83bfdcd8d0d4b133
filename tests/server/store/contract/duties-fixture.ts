import type { Hazard } from '../../../../server/domain/schemas'
import type { AreaRecord, Store } from '../../../../server/store/types'

const square: AreaRecord['geometry'] = { type: 'Polygon', coordinates: [[[120, 30], [120.1, 30], [120.1, 30.1], [120, 30.1], [120, 30]]] }

function area(id: string, level: AreaRecord['level'], parentId: string | null): AreaRecord {
  return { id, code: id, name: id, level, parentId, population: null, households: null, fullName: null, label: [120.05, 30.05], bbox: [120, 30, 120.1, 30.1], geometry: square }
}

/** A hazard of village v1 in district d1, reported by `reportedBy` on `day`. */
export function hazard(id: number, day: string, reportedBy: string): Hazard {
  return {
    id, code: `YH-${id}`, title: `hazard ${id}`, description: 'a loose cable', category: 'safety_accident', item: 'fire', status: 'reported',
    level: 'major', source: 'routine', location: [120.05, 30.05], areaId: 'v1', villageId: 'v1', districtId: 'd1', townId: 't1', siteId: null,
    discoveredAt: day, foundAt: `${day}T09:00:00+08:00`, reportedAt: `${day}T09:00:00+08:00`, receivedAt: `${day}T09:00:00+08:00`,
    reportedBy, measures: null, leadUnit: 'safety', responsibleUnit: null, responsiblePerson: null, deadline: null, handlingLevel: null,
    escalated: false, rectifiedAt: null, closedAt: null, campaignId: null, version: 1, updatedAt: `${day}T09:00:00+08:00`,
  }
}

/** A town t1 with district d1 and village v1, and the hazards given (no events), through the port. */
export function smallTown(store: Store, hazards: readonly Hazard[] = []): void {
  store.areas.insertMany([area('t1', 'town', null), area('d1', 'district', 't1'), area('v1', 'village', 'd1')])
  store.hazards.insertMany(hazards, [])
}
