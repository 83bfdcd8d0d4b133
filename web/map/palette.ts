import type { AreaLevel } from '../../server/domain/areas'
import type { CategoryId } from '../../server/domain/categories'
import { riskPalette, type RiskPalette } from '../../server/domain/levels'
import { categoryColors, unassessedColor } from '../charts/palette'

/** The area levels the map draws, outermost first. */
export const drawnAreaLevels = ['town', 'district', 'village', 'grid'] as const satisfies readonly AreaLevel[]
export type DrawnAreaLevel = (typeof drawnAreaLevels)[number]

export interface LabelPalette {
  district: string
  village: string
  grid: string
  basemap: string
  halo: string
}

export interface MapPalette {
  /** Outside the town: muted, so the eye stays inside the boundary. */
  background: string
  /** Inside the town. */
  land: string
  /** One soft tint per management district, cycled. */
  districtTints: readonly string[]
  districtTintOpacity: number
  /** Boundary colours; widths and dashes belong to the layers. */
  lines: Record<DrawnAreaLevel, string>
  water: string
  waterLine: string
  road: string
  roadCasing: string
  mainRoad: string
  mainRoadCasing: string
  labels: LabelPalette
  /** The national four-colour risk convention, never restyled per theme. */
  risk: RiskPalette
  hazards: HazardPalette
  /** Sequential ramp of the choropleth, lightest (fewest) first; one colour a class. */
  choropleth: readonly string[]
  /** Laid over what lies outside the area drilled into. */
  dim: string
  dimOpacity: number
  /** The area under the pointer: a light wash and an outline. */
  hover: string
  hoverLine: string
  /** The outline of the area drilled into. */
  focusLine: string
  sites: SitePalette
  /** What a spatial question draws: buffers and the hazards they hold. */
  overlays: { buffer: string; bufferLine: string; hit: string }
}

export interface HazardPalette {
  /** Not yet assessed: no level, so no risk colour (the charts' grey). */
  unassessed: string
  /** Outline of every mark, so marks read over any fill. */
  outline: string
  /** Ring around an overdue hazard. */
  overdue: string
  /** Halo around an escalated hazard. */
  escalated: string
  /** Ring around the hazard whose card is open. */
  selected: string
  /** One hue a category, shared with the charts; the heat layers ramp up to it. */
  categories: Record<CategoryId, string>
  /** Text of the count on a bin. */
  binText: string
}

export interface SitePalette {
  /** Badge colour by family of site kind (see layers/sites.ts). */
  families: Record<SiteFamily, string>
  badgeText: string
  /** Ring and count of a cluster of sites. */
  cluster: string
  clusterFill: string
  label: string
}

export const siteFamilies = ['hazardous', 'enterprise', 'crowd', 'education', 'health', 'nature', 'building'] as const
export type SiteFamily = (typeof siteFamilies)[number]

const siteFamilyColors: Record<SiteFamily, string> = {
  hazardous: '#c0392b',
  enterprise: '#546e7a',
  crowd: '#7b3fa0',
  education: '#1565c0',
  health: '#00897b',
  nature: '#2e7d32',
  building: '#795548',
}

/** ColorBrewer "Purples": a hue none of the risk colours or category hues uses. */
const purples = ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] as const

/** The desk: daylight offices, printed reports. */
export const deskPalette: MapPalette = {
  background: '#e4e8ee',
  land: '#f8f6f1',
  districtTints: ['#dcebe0', '#dfe5f3', '#f3e6d6', '#ece0ee', '#d9eeee', '#f0ecd2'],
  districtTintOpacity: 0.7,
  lines: { town: '#6b2d5c', district: '#8e4f86', village: '#7d8590', grid: '#a9b0ba' },
  water: '#b3d4ee',
  waterLine: '#7fb2d9',
  road: '#ffffff',
  roadCasing: '#b8ad9a',
  mainRoad: '#f7d58f',
  mainRoadCasing: '#d7a142',
  labels: { district: '#3d2147', village: '#2f343b', grid: '#66707c', basemap: '#4d6f8f', halo: '#ffffff' },
  risk: riskPalette,
  hazards: {
    unassessed: unassessedColor,
    outline: '#ffffff',
    overdue: '#e00000',
    escalated: '#8e24aa',
    selected: '#1f2329',
    categories: categoryColors,
    binText: '#1f2329',
  },
  choropleth: purples,
  dim: '#5b6270',
  dimOpacity: 0.35,
  hover: '#ffffff',
  hoverLine: '#2f343b',
  focusLine: '#c2185b',
  sites: { families: siteFamilyColors, badgeText: '#ffffff', cluster: '#37474f', clusterFill: '#ffffff', label: '#263238' },
  overlays: { buffer: '#00acc1', bufferLine: '#00838f', hit: '#00e5ff' },
}

/** The command-centre wall: dark room, large screen, seen from afar. */
export const wallPalette: MapPalette = {
  background: '#050d18',
  land: '#0b1a2c',
  districtTints: ['#0f2a44', '#12303b', '#172a4a', '#0f3039', '#1a2850', '#11322f'],
  districtTintOpacity: 0.9,
  lines: { town: '#4fd1ff', district: '#2fa6d9', village: '#41627f', grid: '#2a435c' },
  water: '#113a5e',
  waterLine: '#1f5f8f',
  road: '#22364d',
  roadCasing: '#0b1a2c',
  mainRoad: '#35567a',
  mainRoadCasing: '#0b1a2c',
  labels: { district: '#eaf4ff', village: '#bcd2ea', grid: '#7f98b4', basemap: '#6fa3cf', halo: '#050d18' },
  risk: riskPalette,
  hazards: {
    unassessed: '#8391a3',
    outline: '#050d18',
    overdue: '#ff3b3b',
    escalated: '#e040fb',
    selected: '#ffffff',
    categories: categoryColors,
    binText: '#eaf4ff',
  },
  choropleth: ['#132c47', '#1f4a73', '#2f6ea3', '#4a95cf', '#7fc3f2'],
  dim: '#000000',
  dimOpacity: 0.5,
  hover: '#4fd1ff',
  hoverLine: '#eaf4ff',
  focusLine: '#4fd1ff',
  sites: { families: siteFamilyColors, badgeText: '#ffffff', cluster: '#4fd1ff', clusterFill: '#0b1a2c', label: '#bcd2ea' },
  overlays: { buffer: '#4fd1ff', bufferLine: '#4fd1ff', hit: '#ffffff' },
}
