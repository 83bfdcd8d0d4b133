import { fromGeojsonVt } from '@maplibre/vt-pbf'
import KDBush from 'kdbush'
import type { GeoJSONVTFeature, GeoJSONVTTile } from '@maplibre/geojson-vt'
import { categoryIds, itemIds } from '../domain/categories'
import { riskLevelIds } from '../domain/levels'
import { type Actor, isAggregateOnly } from '../domain/roles'
import { sourceIds } from '../domain/sources'
import { statusIds } from '../domain/statuses'
import type { Services } from './context'
import { CLOSED, OVERDUE_STATUS, itemCategory, itemConfidential } from './ledger/codes'
import { toDay } from './ledger/days'
import type { HazardFilter } from './ledger'
import { Lru } from './lru'
import { hiddenItems, reachOf } from './reach'
import { selectHazards } from './statistics'

const EXTENT = 4096
const BUFFER = 64
/** Above this many hazards in a tile, it carries bins (count, worst level) rather than single points. */
const POINT_LIMIT = 2500
/** Bins are 32 px on a 512 px tile: coarse enough to stay small, fine enough for a heat map. */
const BINS = 16

interface Layer {
  ids: Int32Array
  x: Float64Array
  y: Float64Array
  index: KDBush
}

const mercX = (lon: number) => (lon + 180) / 360
const mercY = (lat: number) => {
  const s = Math.sin((lat * Math.PI) / 180)
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)
}
/** Severity for "worst level": major 4 … low 1, unassessed 0 (level codes are 1 = major … 4 = low). */
const severity = (code: number) => (code === 0 ? 0 : 5 - code)
const levelOfSeverity = (sev: number) => (sev === 0 ? '' : riskLevelIds[4 - sev]!)

/**
 * Hazard vector tiles cut from the ledger index: one spatial index per filter and role (kept
 * while the ledger does not change), then each tile is a range query and an encoding. Zoomed
 * out, a tile with many hazards carries bins per category instead of points, so the browser
 * never receives the whole ledger and a filter change costs one index build on the server.
 */
export class HazardTiles {
  private readonly layers = new Lru<string, Layer>(12)
  private readonly tiles = new Lru<string, Uint8Array>(4000)
  private builtAt = -1

  constructor(private readonly s: Services) {}

  /** A key that changes whenever the bytes for this caller and filter could. */
  key(actor: Actor, filter: HazardFilter): string {
    const reach = reachOf(actor)
    return JSON.stringify([this.s.ledger.version, this.s.today(), reach.areaIds, reach.categories, reach.generalisedItems?.length, isAggregateOnly(actor), filter])
  }

  tile(actor: Actor, filter: HazardFilter, z: number, x: number, y: number): Uint8Array {
    if (this.builtAt !== this.s.ledger.version) {
      this.layers.clear()
      this.tiles.clear()
      this.builtAt = this.s.ledger.version
    }
    const key = this.key(actor, filter)
    const tileKey = `${key}/${z}/${x}/${y}`
    const cached = this.tiles.get(tileKey)
    if (cached) return cached
    let layer = this.layers.get(key)
    if (!layer) {
      layer = this.build(actor, filter)
      this.layers.set(key, layer)
    }
    const bytes = this.encode(actor, layer, z, x, y)
    this.tiles.set(tileKey, bytes)
    return bytes
  }

  private build(actor: Actor, filter: HazardFilter): Layer {
    const sel = selectHazards(this.s, actor, filter)
    const c = this.s.ledger.columns
    const areas = this.s.ledger.areas
    const hidden = new Set(hiddenItems(actor))
    const vague = Uint8Array.from(itemIds, (id) => (hidden.has(id) ? 1 : 0))
    const x = new Float64Array(sel.length)
    const y = new Float64Array(sel.length)
    const index = new KDBush(Math.max(1, sel.length))
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!
      // A generalised hazard stands at its village's label point, never at its own.
      const g = c.grid[i]!
      const generalised = vague[c.item[i]!] === 1
      x[k] = mercX(generalised ? areas.villageLon[g]! : c.lon[i]!)
      y[k] = mercY(generalised ? areas.villageLat[g]! : c.lat[i]!)
      index.add(x[k]!, y[k]!)
    }
    if (sel.length === 0) index.add(-1, -1)
    index.finish()
    return { ids: sel, x, y, index }
  }

  private encode(actor: Actor, layer: Layer, z: number, tx: number, ty: number): Uint8Array {
    const n = 2 ** z
    const pad = BUFFER / EXTENT / n
    const found = layer.index.range(tx / n - pad, ty / n - pad, (tx + 1) / n + pad, (ty + 1) / n + pad).filter((k) => k < layer.ids.length)
    const c = this.s.ledger.columns
    const today = toDay(this.s.today())
    const hidden = new Set(hiddenItems(actor))
    const toTile = (k: number): [number, number] => [Math.round((layer.x[k]! * n - tx) * EXTENT), Math.round((layer.y[k]! * n - ty) * EXTENT)]
    const features: GeoJSONVTFeature[] = []
    // The wall gets counts only: bins at every zoom, never a single hazard with its id and status.
    if (!isAggregateOnly(actor) && (found.length <= POINT_LIMIT || z >= 16)) {
      for (const k of found) {
        const i = layer.ids[k]!
        const item = c.item[i]!
        const s = c.status[i]!
        features.push({
          id: c.id[i]!, type: 1, geometry: [toTile(k)],
          tags: {
            id: c.id[i]!, count: 1, category: categoryIds[itemCategory[item]!]!, item: itemIds[item]!, status: statusIds[s]!,
            level: levelOfSeverity(severity(c.level[i]!)), source: sourceIds[c.source[i]!]!, open: s === CLOSED ? 0 : 1,
            overdue: OVERDUE_STATUS[s] && c.deadline[i]! > 0 && c.deadline[i]! < today ? 1 : 0, escalated: c.escalated[i]!,
            generalised: hidden.has(itemIds[item]!) ? 1 : 0, confidential: itemConfidential[item]!,
          },
        })
      }
    } else {
      // Bins per category: count, open, overdue, escalated and the worst level, at the bin's mean position.
      const cell = EXTENT / BINS
      const bins = new Map<number, { n: number; sx: number; sy: number; open: number; overdue: number; escalated: number; worst: number; category: number }>()
      for (const k of found) {
        const i = layer.ids[k]!
        const [px, py] = toTile(k)
        const category = itemCategory[c.item[i]!]!
        const key = ((Math.floor(px / cell) + 4) * 64 + Math.floor(py / cell) + 4) * 8 + category
        let b = bins.get(key)
        if (!b) bins.set(key, (b = { n: 0, sx: 0, sy: 0, open: 0, overdue: 0, escalated: 0, worst: 0, category }))
        const s = c.status[i]!
        b.n++
        b.sx += px
        b.sy += py
        if (s !== CLOSED) b.open++
        if (OVERDUE_STATUS[s] && c.deadline[i]! > 0 && c.deadline[i]! < today) b.overdue++
        if (c.escalated[i]) b.escalated++
        b.worst = Math.max(b.worst, severity(c.level[i]!))
      }
      for (const b of bins.values())
        features.push({
          type: 1, geometry: [[Math.round(b.sx / b.n), Math.round(b.sy / b.n)]],
          tags: { count: b.n, category: categoryIds[b.category]!, level: levelOfSeverity(b.worst), open: b.open, overdue: b.overdue, escalated: b.escalated },
        })
    }
    const tile = { features, transformed: true, source: null, x: tx, y: ty, z } as unknown as GeoJSONVTTile
    return fromGeojsonVt({ hazards: tile }, { version: 2, extent: EXTENT })
  }
}
