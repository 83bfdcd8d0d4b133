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
import { toDay } from '../domain/days'
import type { CompiledFilter, HazardColumns, HazardFilter, LedgerIndex } from './ledger'
import { keeps } from './ledger/filter'
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
  /** the ledger version the layer answers for */
  version: number
  /** the filter as masks, for rows written since the build; null for a text search, rebuilt at every write */
  filter: CompiledFilter | null
  /** per item: placed at its village for this caller */
  vague: Uint8Array
  ids: Int32Array
  x: Float64Array
  y: Float64Array
  index: KDBush
  /** rows written since the index was built: left out of it and asked afresh (stale flags them by row) */
  touched: Set<number>
  stale: Uint8Array
}

/** A cut tile: its bytes, and for a tile of bins the bins (so a write patches them) and how many hazards it holds. */
interface Cut {
  bytes: Uint8Array
  bins: Map<number, Bin> | null
  count: number
}

/** Rows written since a layer's build beyond which it is rebuilt rather than patched. */
const TOUCHED_MAX = 20_000

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
  private readonly tiles = new Lru<string, Cut & { version: number }>(4000)
  private ledger: LedgerIndex | null = null

  constructor(private readonly s: Services) {}

  /** A key that changes whenever the bytes for this caller and filter could (the tile's ETag). */
  key(actor: Actor, filter: HazardFilter): string {
    return `${this.s.ledger.version}/${this.layerKey(actor, filter)}`
  }

  private layerKey(actor: Actor, filter: HazardFilter): string {
    const reach = reachOf(actor)
    return JSON.stringify([this.s.today(), reach.areaIds, reach.categories, reach.generalisedItems?.length, isAggregateOnly(actor), filter])
  }

  /**
   * A tile is kept until a write touches it: a write changes one hazard, so only tiles holding
   * its old or new position (and matching the filter then or now) are cut again.
   */
  tile(actor: Actor, filter: HazardFilter, z: number, x: number, y: number): Uint8Array {
    const ledger = this.s.ledger
    if (this.ledger !== ledger) {
      // Boundaries re-placed the ledger: nothing cut from the old one holds.
      this.layers.clear()
      this.tiles.clear()
      this.ledger = ledger
    }
    const key = this.layerKey(actor, filter)
    const layer = this.layerFor(actor, filter, key)
    const tileKey = `${key}/${z}/${x}/${y}`
    const cached = this.tiles.get(tileKey)
    if (cached && cached.version !== ledger.version && layer.filter && this.patch(actor, layer, cached, z, x, y)) cached.version = ledger.version
    if (cached && cached.version === ledger.version) return cached.bytes
    const cut = { ...this.encode(actor, layer, z, x, y), version: ledger.version }
    this.tiles.set(tileKey, cut)
    return cut.bytes
  }

  /**
   * Brings a kept tile up to date with the writes since it was cut, if it can: untouched, it
   * stands; a tile of bins takes each written hazard out as it was and in as it is. False when
   * it must be cut again (a tile of points that a write lands on, or one crossing the bins limit).
   */
  private patch(actor: Actor, layer: Layer, cut: Cut & { version: number }, z: number, tx: number, ty: number): boolean {
    const changes = this.s.ledger.changesSince(cut.version)
    if (!changes) return false
    const j = this.s.ledger.journal
    const n = 2 ** z
    const pad = BUFFER / EXTENT / n
    const today = toDay(this.s.today())
    // Tile pixel of a journal row that counts in the layer and lies on this tile, or null.
    const on = (row: number): [number, number] | null => {
      if (row < 0 || !keeps(j, row, layer.filter!)) return null
      const [mx, my] = this.position(j, row, layer.vague)
      if (mx < tx / n - pad || mx > (tx + 1) / n + pad || my < ty / n - pad || my > (ty + 1) / n + pad) return null
      return [Math.round((mx * n - tx) * EXTENT), Math.round((my * n - ty) * EXTENT)]
    }
    const landing = changes.map((ch) => [on(ch.before), on(ch.after), ch] as const).filter(([was, is]) => was || is)
    if (landing.length === 0) return true
    if (!cut.bins) return false
    // Patched in place: when the tile must be cut again after all, the new cut replaces this one.
    const bins = cut.bins
    let count = cut.count
    for (const [was, is, ch] of landing) {
      if (was) {
        tally(bins, j, ch.before, was, today, -1)
        count--
      }
      if (is) {
        tally(bins, j, ch.after, is, today, 1)
        count++
      }
    }
    if (!binned(actor, count, z)) return false
    Object.assign(cut, { count, bytes: binBytes(bins, z, tx, ty) })
    return true
  }

  /** The layer for a key, patched with the rows written since it was built, or built afresh. */
  private layerFor(actor: Actor, filter: HazardFilter, key: string): Layer {
    const ledger = this.s.ledger
    let layer = this.layers.get(key)
    if (layer && layer.version !== ledger.version) {
      const changes = layer.filter ? ledger.changesSince(layer.version) : null
      if (!changes || layer.touched.size + changes.length > TOUCHED_MAX) layer = undefined
      else {
        for (const ch of changes) {
          layer.touched.add(ch.row)
          if (ch.row < layer.stale.length) layer.stale[ch.row] = 1
        }
        layer.version = ledger.version
      }
    }
    if (!layer) {
      layer = this.build(actor, filter)
      this.layers.set(key, layer)
    }
    return layer
  }

  /** Where a hazard is drawn, in unit Web Mercator: a generalised one at its village's label point, never at its own. */
  private position(c: HazardColumns, i: number, vague: Uint8Array): [number, number] {
    const areas = this.s.ledger.areas
    const g = c.grid[i]!
    const generalised = vague[c.item[i]!] === 1
    return [mercX(generalised ? areas.villageLon[g]! : c.lon[i]!), mercY(generalised ? areas.villageLat[g]! : c.lat[i]!)]
  }

  private build(actor: Actor, filter: HazardFilter): Layer {
    const sel = selectHazards(this.s, actor, filter)
    const ledger = this.s.ledger
    const c = ledger.columns
    const hidden = new Set(hiddenItems(actor))
    const vague = Uint8Array.from(itemIds, (id) => (hidden.has(id) ? 1 : 0))
    const x = new Float64Array(sel.length)
    const y = new Float64Array(sel.length)
    const index = new KDBush(Math.max(1, sel.length))
    for (let k = 0; k < sel.length; k++) {
      const [px, py] = this.position(c, sel[k]!, vague)
      x[k] = px
      y[k] = py
      index.add(px, py)
    }
    if (sel.length === 0) index.add(-1, -1)
    index.finish()
    const compiled = filter.q ? null : ledger.compile(filter, reachOf(actor), this.s.today())
    return { version: ledger.version, filter: compiled, vague, ids: sel, x, y, index, touched: new Set(), stale: new Uint8Array(c.n) }
  }

  /** The tile's hazards: rows and positions, from the index those not written since, then the written ones as they are now. */
  private found(layer: Layer, x0: number, y0: number, x1: number, y1: number): { rows: number[]; xs: number[]; ys: number[] } {
    const c = this.s.ledger.columns
    const rows: number[] = []
    const xs: number[] = []
    const ys: number[] = []
    for (const k of layer.index.range(x0, y0, x1, y1)) {
      if (k >= layer.ids.length || layer.stale[layer.ids[k]!]) continue
      rows.push(layer.ids[k]!)
      xs.push(layer.x[k]!)
      ys.push(layer.y[k]!)
    }
    for (const i of layer.touched) {
      if (!keeps(c, i, layer.filter!)) continue
      const [mx, my] = this.position(c, i, layer.vague)
      if (mx < x0 || mx > x1 || my < y0 || my > y1) continue
      rows.push(i)
      xs.push(mx)
      ys.push(my)
    }
    return { rows, xs, ys }
  }

  private encode(actor: Actor, layer: Layer, z: number, tx: number, ty: number): Cut {
    const n = 2 ** z
    const pad = BUFFER / EXTENT / n
    const { rows, xs, ys } = this.found(layer, tx / n - pad, ty / n - pad, (tx + 1) / n + pad, (ty + 1) / n + pad)
    const c = this.s.ledger.columns
    const today = toDay(this.s.today())
    const toTile = (k: number): [number, number] => [Math.round((xs[k]! * n - tx) * EXTENT), Math.round((ys[k]! * n - ty) * EXTENT)]
    if (binned(actor, rows.length, z)) {
      const bins = new Map<number, Bin>()
      for (let k = 0; k < rows.length; k++) tally(bins, c, rows[k]!, toTile(k), today, 1)
      return { bytes: binBytes(bins, z, tx, ty), bins, count: rows.length }
    }
    const hidden = new Set(hiddenItems(actor))
    const features: GeoJSONVTFeature[] = []
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]!
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
    return { bytes: vectorTile(features, z, tx, ty), bins: null, count: rows.length }
  }
}

/** The wall gets counts only: bins at every zoom, never a single hazard with its id and status; others get bins where a tile holds many. */
const binned = (actor: Actor, count: number, z: number) => isAggregateOnly(actor) || (count > POINT_LIMIT && z < 16)

/** A bin: one category's hazards in a 32 px cell; the worst level is the highest severity still counted. */
interface Bin { n: number; sx: number; sy: number; open: number; overdue: number; escalated: number; bySeverity: Int32Array; category: number }

/** Counts row i of the columns, at tile pixel p, into its bin (sign 1) or out of it (sign -1). */
function tally(bins: Map<number, Bin>, c: HazardColumns, i: number, [px, py]: [number, number], today: number, sign: 1 | -1): void {
  const cell = EXTENT / BINS
  const category = itemCategory[c.item[i]!]!
  const key = ((Math.floor(px / cell) + 4) * 64 + Math.floor(py / cell) + 4) * 8 + category
  let b = bins.get(key)
  if (!b) bins.set(key, (b = { n: 0, sx: 0, sy: 0, open: 0, overdue: 0, escalated: 0, bySeverity: new Int32Array(5), category }))
  const s = c.status[i]!
  b.n += sign
  b.sx += sign * px
  b.sy += sign * py
  if (s !== CLOSED) b.open += sign
  if (OVERDUE_STATUS[s] && c.deadline[i]! > 0 && c.deadline[i]! < today) b.overdue += sign
  if (c.escalated[i]) b.escalated += sign
  b.bySeverity[severity(c.level[i]!)]! += sign
}

/** Bins per category: count, open, overdue, escalated and the worst level, at the bin's mean position. */
function binBytes(bins: Map<number, Bin>, z: number, tx: number, ty: number): Uint8Array {
  const features: GeoJSONVTFeature[] = []
  for (const b of bins.values()) {
    if (b.n === 0) continue
    let worst = 4
    while (worst > 0 && b.bySeverity[worst] === 0) worst--
    features.push({
      type: 1, geometry: [[Math.round(b.sx / b.n), Math.round(b.sy / b.n)]],
      tags: { count: b.n, category: categoryIds[b.category]!, level: levelOfSeverity(worst), open: b.open, overdue: b.overdue, escalated: b.escalated },
    })
  }
  return vectorTile(features, z, tx, ty)
}

function vectorTile(features: GeoJSONVTFeature[], z: number, x: number, y: number): Uint8Array {
  const tile = { features, transformed: true, source: null, x, y, z } as unknown as GeoJSONVTTile
  return fromGeojsonVt({ hazards: tile }, { version: 2, extent: EXTENT })
}
