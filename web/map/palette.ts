import type { AreaLevel } from '../../server/domain/areas'
import { riskPalette, type RiskPalette } from '../../server/domain/levels'

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
}

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
}
