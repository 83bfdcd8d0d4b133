import type { AreaLevel } from '../../../../server/domain/areas'
import type { Site } from '../../../../server/domain/schemas'
import type { AreaRecord } from '../../../../server/store/types'

/** A rectangle [west, south, east, north] as a GeoJSON polygon, ring closed and counter-clockwise. */
export function box(w: number, s: number, e: number, n: number): GeoJSON.Polygon {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }
}

/** An area whose shape is the rectangle given; its label point is the rectangle's centre. */
export function makeArea(id: string, level: AreaLevel, parentId: string | null, [w, s, e, n]: [number, number, number, number], over: Partial<AreaRecord> = {}): AreaRecord {
  return {
    id, code: `C-${id}`, name: `区域${id}`, fullName: null, level, parentId, population: null, households: null,
    label: [(w + e) / 2, (s + n) / 2], bbox: [w, s, e, n], geometry: box(w, s, e, n), ...over,
  }
}

/**
 * A small town split west and east: districts D1 | D2, each with one village (V1, V2), each
 * village one grid cell (G1, G2). The boundary between west and east runs along lon 120.5.
 */
export function smallTown(): AreaRecord[] {
  return [
    makeArea('T', 'town', null, [120, 36, 121, 37], { fullName: '平安镇', population: 52_000, households: 18_000 }),
    makeArea('D1', 'district', 'T', [120, 36, 120.5, 37]),
    makeArea('D2', 'district', 'T', [120.5, 36, 121, 37]),
    makeArea('V1', 'village', 'D1', [120, 36, 120.5, 37], { population: 1_200, households: 400 }),
    makeArea('V2', 'village', 'D2', [120.5, 36, 121, 37]),
    makeArea('G1', 'grid', 'V1', [120, 36, 120.5, 37]),
    makeArea('G2', 'grid', 'V2', [120.5, 36, 121, 37]),
  ]
}

/** A key site at a point, in a grid cell and its village. */
export function makeSite(id: string, areaId: string, villageId: string, location: [number, number], over: Partial<Site> = {}): Site {
  return {
    id, name: `场所${id}`, kind: 'gas_station', areaId, villageId, location,
    responsible: { name: '张三', phone: '13800000000' },
    measures: { people: '专人值守', physical: '围栏', technical: '监控', psychological: '定期谈心' }, ...over,
  }
}
