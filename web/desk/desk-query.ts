import { categoryIds } from '../../server/domain/categories'
import { itemById } from '../../server/domain/categories'
import { filterToQuery } from '../../server/domain/filters'
import { riskLevelIds } from '../../server/domain/levels'
import { sourceIds } from '../../server/domain/sources'
import { statusIds } from '../../server/domain/statuses'
import { type ChoroplethChoice, choroplethMetrics, defaultChoropleth } from '../map/choropleth'
import { defaultLayerToggles, mapLayerToggles, type MapLayerToggle } from '../map/layer-groups'
import type { ChoroplethLevel } from '../map/layers/choropleth'
import type { Camera } from '../stores/selection'
import type { FilterChoice } from '../stores/filters'

/**
 * The desk's view as URL query parameters, so a link reproduces it: the filter choice under the
 * API's own names (category=…&level=…), the drill-down path as `path=district,village,grid`,
 * the camera as `map=lon,lat,zoom`, the open card as `hazard=id`, the layers drawn as
 * `layers=hazards,heat-safety_accident` (`none` for none) and the choropleth's cut as
 * `cut=grid,density`; the last two only when they differ from what a desk opens with.
 * Pure: no Vue, no router.
 */
export interface DeskState {
  choice: FilterChoice
  path: string[]
  camera?: Camera
  hazardId?: number
  /** the layer toggles that are on; absent: the desk's default */
  layers?: MapLayerToggle[]
  /** the choropleth's level and measure; absent: the default */
  cut?: ChoroplethChoice
}

export type RawQuery = Record<string, string | null | undefined | readonly (string | null)[]>

/** The keys this module owns; anything else in the URL belongs to someone else and is kept. */
export const deskQueryKeys = ['category', 'item', 'status', 'level', 'source', 'from', 'to', 'overdue', 'escalated', 'q', 'openOn', 'path', 'map', 'hazard', 'layers', 'cut'] as const
/**
 * Keys that change continuously (panning, scrubbing the time slider) or only change how the map
 * looks (layers, the choropleth's cut): replaced, not pushed, in history, so Back undoes a filter
 * or a drill-down rather than a toggle.
 */
export const transientQueryKeys: readonly string[] = ['map', 'openOn', 'layers', 'cut']
const NO_LAYERS = 'none'
const choroplethLevels: readonly ChoroplethLevel[] = ['district', 'village', 'grid']

const MAX_TEXT = 100
const MAX_DEPTH = 3
const AREA_ID = /^[\w-]{1,40}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

function first(raw: RawQuery, key: string): string | undefined {
  const value = raw[key]
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return value
  // A key given twice (category=a&category=b) means both.
  const parts = value.filter((v): v is string => typeof v === 'string')
  return parts.length ? parts.join(',') : undefined
}

/** The listed values that are known, deduplicated; unknown ones are dropped, not guessed at. */
function listOf<T extends string>(raw: RawQuery, key: string, known: readonly T[]): T[] | undefined {
  const text = first(raw, key)
  if (!text) return undefined
  const values = [...new Set(text.split(',').map((v) => v.trim()))].filter((v): v is T => known.includes(v as T))
  return values.length ? values : undefined
}

/** A calendar date that exists (2026-02-30 does not). */
export function isDate(text: string | undefined): text is string {
  if (!text || !DATE.test(text)) return false
  const day = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text
}

function dateOf(raw: RawQuery, key: string): string | undefined {
  const text = first(raw, key)?.trim()
  return isDate(text) ? text : undefined
}

function flagOf(raw: RawQuery, key: string): true | undefined {
  const text = first(raw, key)
  return text === 'true' || text === '1' ? true : undefined
}

function cameraOf(text: string | undefined): Camera | undefined {
  const parts = text?.split(',')
  if (parts?.length !== 3) return undefined
  const [lon, lat, zoom] = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)))
  if (![lon, lat, zoom].every((n) => Number.isFinite(n))) return undefined
  if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90 || zoom! < 0 || zoom! > 24) return undefined
  return { lon: lon!, lat: lat!, zoom: zoom! }
}

function pathOf(text: string | undefined): string[] {
  if (!text) return []
  const ids = text.split(',').map((id) => id.trim())
  const valid: string[] = []
  // A path is read up to its first bad step: what follows would hang from nothing.
  for (const id of ids) {
    if (!AREA_ID.test(id) || valid.includes(id) || valid.length === MAX_DEPTH) break
    valid.push(id)
  }
  return valid
}

/** The toggles a link lists, in the control's order; `none` for none; undefined (the default) when it lists none known. */
function layersOf(text: string | undefined): MapLayerToggle[] | undefined {
  if (text?.trim() === NO_LAYERS) return []
  const listed = text?.split(',').map((t) => t.trim()) ?? []
  const known = mapLayerToggles.filter((t) => listed.includes(t))
  return known.length ? known : undefined
}

function cutOf(text: string | undefined): ChoroplethChoice | undefined {
  const [level, metric] = text?.split(',').map((t) => t.trim()) ?? []
  const l = choroplethLevels.find((x) => x === level)
  const m = choroplethMetrics.find((x) => x === metric)
  return l && m ? { level: l, metric: m } : undefined
}

const defaultCut = (cut: ChoroplethChoice) => cut.level === defaultChoropleth.level && cut.metric === defaultChoropleth.metric
const sameToggles = (a: readonly MapLayerToggle[], b: readonly MapLayerToggle[]) => a.length === b.length && a.every((t) => b.includes(t))

function hazardOf(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,10}$/.test(text)) return undefined
  const id = Number(text)
  return id > 0 && id <= 2 ** 31 - 1 ? id : undefined
}

/** Reads a URL query defensively: whatever is malformed or unknown is left out. */
export function parseDeskQuery(raw: RawQuery): DeskState {
  const choice: FilterChoice = {}
  const category = listOf(raw, 'category', categoryIds)
  if (category) choice.category = category
  const item = listOf(raw, 'item', [...itemById.keys()])
  if (item) choice.item = item
  const status = listOf(raw, 'status', statusIds)
  if (status) choice.status = status
  const level = listOf(raw, 'level', riskLevelIds)
  if (level) choice.level = level
  const source = listOf(raw, 'source', sourceIds)
  if (source) choice.source = source
  const from = dateOf(raw, 'from')
  const to = dateOf(raw, 'to')
  if (from) choice.from = from
  // A range that ends before it starts keeps its start.
  if (to && !(from && to < from)) choice.to = to
  if (flagOf(raw, 'overdue')) choice.overdue = true
  if (flagOf(raw, 'escalated')) choice.escalated = true
  const q = first(raw, 'q')?.trim().slice(0, MAX_TEXT)
  if (q) choice.q = q
  const openOn = dateOf(raw, 'openOn')
  if (openOn) choice.openOn = openOn

  const state: DeskState = { choice, path: pathOf(first(raw, 'path')) }
  const camera = cameraOf(first(raw, 'map'))
  if (camera) state.camera = camera
  const hazardId = hazardOf(first(raw, 'hazard'))
  if (hazardId) state.hazardId = hazardId
  const layers = layersOf(first(raw, 'layers'))
  if (layers && !sameToggles(layers, defaultLayerToggles)) state.layers = layers
  const cut = cutOf(first(raw, 'cut'))
  if (cut && !defaultCut(cut)) state.cut = cut
  return state
}

const round = (n: number, digits: number) => Number(n.toFixed(digits))

/** Writes the state as query parameters in a stable order; empty parts are left out. */
export function deskQuery(state: DeskState): Record<string, string> {
  const out: Record<string, string> = filterToQuery(state.choice)
  if (state.path.length) out.path = state.path.join(',')
  if (state.camera) {
    const { lon, lat, zoom } = state.camera
    // About a metre and a hundredth of a zoom level: finer would only make links longer.
    out.map = `${round(lon, 5)},${round(lat, 5)},${round(zoom, 2)}`
  }
  if (state.hazardId) out.hazard = String(state.hazardId)
  if (state.layers && !sameToggles(state.layers, defaultLayerToggles)) {
    const on = mapLayerToggles.filter((t) => state.layers!.includes(t))
    out.layers = on.length ? on.join(',') : NO_LAYERS
  }
  if (state.cut && !defaultCut(state.cut)) out.cut = `${state.cut.level},${state.cut.metric}`
  return out
}

/** The same query as one comparable text, whatever order its keys came in. */
export function queryKey(query: Record<string, string>): string {
  return new URLSearchParams(Object.entries(query).sort(([a], [b]) => a.localeCompare(b))).toString()
}
