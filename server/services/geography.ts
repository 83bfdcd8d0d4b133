import type { AreaLevel } from '../domain/areas'
import type { Site } from '../domain/schemas'
import type { Store } from '../store/types'

/**
 * The town's shapes as GeoJSON text, built once per level and kept until the geography is
 * replaced: they are the largest answers the API gives and change only on an import.
 */
export class GeographyCache {
  private readonly areas = new Map<string, string>()
  private basemap: string | undefined
  private labelPoints: Map<string, [number, number]> | undefined

  constructor(private readonly store: Store) {}

  areaCollection(level: AreaLevel | undefined): string {
    const key = level ?? 'all'
    let text = this.areas.get(key)
    if (!text) {
      const features = this.store.areas.list(level).map((a) => ({
        type: 'Feature' as const,
        id: a.id,
        properties: {
          id: a.id, code: a.code, name: a.name, fullName: a.fullName, level: a.level, parentId: a.parentId,
          population: a.population, households: a.households, label: a.label, bbox: a.bbox,
        },
        geometry: a.geometry,
      }))
      text = JSON.stringify({ type: 'FeatureCollection', features })
      this.areas.set(key, text)
    }
    return text
  }

  basemapCollection(): string {
    this.basemap ??= JSON.stringify({
      type: 'FeatureCollection',
      features: this.store.basemap.list().map((b) => ({
        type: 'Feature', id: b.id, properties: { id: b.id, kind: b.kind, name: b.name }, geometry: b.geometry,
      })),
    })
    return this.basemap
  }

  /** Every area's label point: where a generalised hazard is drawn. */
  labels(): Map<string, [number, number]> {
    this.labelPoints ??= new Map(this.store.areas.list().map((a) => [a.id, a.label]))
    return this.labelPoints
  }

  invalidate(): void {
    this.areas.clear()
    this.basemap = undefined
    this.labelPoints = undefined
  }
}

/** A key site as a GeoJSON feature; who answers for it is left out where the caller may not see people. */
export function siteFeature(s: Site, withPeople: boolean) {
  return {
    type: 'Feature' as const,
    id: s.id,
    properties: {
      id: s.id, name: s.name, kind: s.kind, areaId: s.areaId, villageId: s.villageId,
      responsible: withPeople ? s.responsible : null, measures: s.measures,
    },
    geometry: { type: 'Point' as const, coordinates: s.location },
  }
}
