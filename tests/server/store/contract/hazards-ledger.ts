import type { Hazard, HazardEvent } from '../../../../server/domain/schemas'
import { bulkHazardFields } from '../../../../server/store/bulk-load'
import type { AreaRecord, Store } from '../../../../server/store/types'

/**
 * The least geography the ledger's contract tests stand on (a hazard names its town, district,
 * village and cell): one square cell of one town, and hazards made by `hazardOf`.
 */
const square: AreaRecord['geometry'] = { type: 'Polygon', coordinates: [[[118, 36], [118.1, 36], [118.1, 36.1], [118, 36.1], [118, 36]]] }

const area = (id: string, level: AreaRecord['level'], parentId: string | null): AreaRecord => ({
  id, code: id, name: id, level, parentId, population: null, households: null, fullName: null,
  label: [118.05, 36.05], bbox: [118, 36, 118.1, 36.1], geometry: square,
})

/** A cell whose id holds a tab, a backslash and a newline: what COPY's text format must carry. */
export const cell = { townId: 'town', districtId: 'district', villageId: 'village', areaId: 'grid\t\\1\n' } as const

export function townAreas(store: Store): void {
  store.areas.insertMany([area('town', 'town', null), area('district', 'district', 'town'), area('village', 'village', 'district'), area(cell.areaId, 'grid', 'village')])
}

export function hazardOf(id: number, over: Partial<Hazard> = {}): Hazard {
  return {
    id, code: `YH2026${String(id).padStart(7, '0')}`, title: `隐患 ${id}`, description: '', category: 'safety_accident', item: 'fire',
    status: 'reported', level: null, source: 'routine', location: [118.05 + id / 1e6, 36.05], ...cell, siteId: null,
    discoveredAt: '2026-11-01', foundAt: '2026-11-01T09:00:00+08:00', reportedAt: '2026-11-01T09:05:00+08:00', receivedAt: '2026-11-01T09:06:00+08:00',
    reportedBy: 'grid-1', measures: null, leadUnit: 'safety', responsibleUnit: null, responsiblePerson: null, deadline: null,
    handlingLevel: null, escalated: false, rectifiedAt: null, closedAt: null, campaignId: null, version: 1, updatedAt: '2026-11-01T09:06:00+08:00',
    ...over,
  }
}

/** The report event a hazard starts with. */
export const reported = (h: Hazard): HazardEvent => ({ hazardId: h.id, at: h.reportedAt, actor: h.reportedBy, action: 'report', note: null, from: null, to: 'reported' })

/** A hazard as an insert takes it: without what the store assigns. */
export function insertOf(h: Hazard): Omit<Hazard, 'id' | 'code' | 'version'> {
  const { id: _id, code: _code, version: _version, ...fields } = h
  return fields
}

/** A hazard as the seed's flat row: bulkHazardFields' values, escalated as 0 or 1, the location as lon and lat. */
export function flat(h: Hazard): unknown[] {
  const fields = { ...h, escalated: h.escalated ? 1 : 0, lon: h.location[0], lat: h.location[1] } as unknown as Record<string, unknown>
  return bulkHazardFields.map((f) => fields[f])
}

/** What a LIKE scan answers: a substring of code, title or description, ASCII letters in any case; hidden items by code only. */
export function substringScan(all: readonly Hazard[], q: string, hidden: readonly string[] = []): Set<number> {
  const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase())
  const hit = (s: string) => fold(s).includes(fold(q))
  return new Set(all.filter((h) => hit(h.code) || ((hit(h.title) || hit(h.description)) && !hidden.includes(h.item))).map((h) => h.id))
}
