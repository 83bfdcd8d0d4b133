import type { AreaFeature, AreaProperties } from '../../../web/api/areas'
import type { BasemapFeature, BasemapKind } from '../../../web/api/basemap'
import type { SiteFeature, SiteProperties } from '../../../web/api/sites'
import { hazardTileUrl } from '../../../web/api/tiles'
import type { MapLayerState } from '../../../web/map/layer-groups'
import type { TownStyleOptions } from '../../../web/map/style'
import { deskPalette } from '../../../web/map/palette'
import type { TownMapData } from '../../../web/map/town-data'

type Box = [number, number, number, number]

const square = ([w, s, e, n]: Box) => ({
  type: 'Polygon' as const,
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
})

export function makeArea(props: Partial<AreaProperties> & Pick<AreaProperties, 'level' | 'name'>, box: Box = [120, 36.6, 120.1, 36.7]): AreaFeature {
  return {
    type: 'Feature',
    geometry: square(box),
    properties: {
      id: `${props.level}-${props.name}`,
      code: '370283105000',
      fullName: null,
      parentId: null,
      population: null,
      households: null,
      label: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2],
      bbox: box,
      ...props,
    },
  }
}

export function makeBasemapFeature(kind: BasemapKind, name: string): BasemapFeature {
  return kind === 'reservoir'
    ? { type: 'Feature', geometry: square([120.05, 36.65, 120.06, 36.66]), properties: { id: `basemap-${name}`, kind, name } }
    : { type: 'Feature', geometry: { type: 'LineString', coordinates: [[120, 36.6], [120.1, 36.7]] }, properties: { id: `basemap-${name}`, kind, name } }
}

export function makeSite(props: Partial<SiteProperties> = {}, at: [number, number] = [120.02, 36.62]): SiteFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: at },
    properties: { id: 'S-1', name: '大庄小学', kind: 'school', areaId: 'grid-大庄1网格', villageId: 'village-大庄村', responsible: null, measures: { people: '', physical: '', technical: '', psychological: '' }, ...props },
  }
}

/** The map as it first opens for a leader: hazards and sites on, no heat, no choropleth, the whole town. */
export function makeLayerState(overrides: Partial<MapLayerState> = {}): MapLayerState {
  return {
    visible: {
      hazards: true,
      sites: true,
      choropleth: false,
      'heat-violent_terror': false,
      'heat-mass_incident': false,
      'heat-individual_extreme': false,
      'heat-safety_accident': false,
    },
    choroplethLevel: 'village',
    focus: { target: 'district' },
    ...overrides,
  }
}

export function makeStyleOptions(overrides: Partial<TownStyleOptions> = {}): TownStyleOptions {
  return { palette: deskPalette, scale: { townZoom: 12 }, hazardTiles: hazardTileUrl('', 0), state: makeLayerState(), ...overrides }
}

/** A small town: one outline, two districts, two villages, two grid cells, one of each base feature. */
export function makeTownData(): TownMapData {
  return {
    areas: [
      makeArea({ level: 'town', name: '南村镇' }, [120, 36.6, 120.2, 36.7]),
      makeArea({ level: 'district', name: '南村管区' }, [120, 36.6, 120.1, 36.7]),
      makeArea({ level: 'district', name: '郭庄管区' }, [120.1, 36.6, 120.2, 36.7]),
      makeArea({ level: 'village', name: '大庄村', population: 1200, label: [120.03, 36.61] }, [120, 36.6, 120.1, 36.7]),
      makeArea({ level: 'village', name: '小庄村', population: 800 }, [120.1, 36.6, 120.2, 36.7]),
      makeArea({ level: 'grid', name: '大庄1网格' }, [120, 36.6, 120.05, 36.7]),
      makeArea({ level: 'grid', name: '大庄2网格' }, [120.05, 36.6, 120.1, 36.7]),
    ],
    basemap: [
      makeBasemapFeature('main_road', '南北大街'),
      makeBasemapFeature('road', '洪兰路'),
      makeBasemapFeature('river', '小沽河'),
      makeBasemapFeature('reservoir', '官庄水库'),
    ],
    sites: [makeSite(), makeSite({ id: 'S-2', name: '小庄加油站', kind: 'gas_station' }, [120.15, 36.65])],
  }
}
