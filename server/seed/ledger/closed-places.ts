import { REOPEN_DAYS } from '../../domain/accountability'
import type { Spot } from './placement'

/** Read once: an imported binding is a getter call in the transpiled module, and this is read per close-out looked at. */
const WITHIN_DAYS = REOPEN_DAYS
/** A cell's first day while it has no close-out: never stale, never on or before a day asked about. */
const NONE = 0x7fffffff

/**
 * Whether a close-out in `days` (in order of the day) lies within REOPEN_DAYS before `found`,
 * that day included. Those before that can match no later question, and are dropped first: the
 * first left is the earliest that could match, and matches unless it is after `found`.
 */
function within(days: number[] | undefined, found: number): boolean {
  if (days === undefined) return false
  let stale = 0
  while (stale < days.length && found - days[stale]! > WITHIN_DAYS) stale++
  if (stale > 0) days.splice(0, stale)
  return days.length > 0 && days[0]! <= found
}

/** Adds a close-out's day to a list kept in order of the day: a close-out is mostly the latest, so it is placed from the end. */
function push(list: number[], closedDay: number): void {
  let i = list.length
  list.push(closedDay)
  for (; i > 0 && list[i - 1]! > closedDay; i--) list[i] = list[i - 1]!
  list[i] = closedDay
}

/**
 * One item's close-outs, at places in blocks of 64: a cell of about 50 m is in a block of eight by
 * eight cells, a site in a block of 64 sites (ClosedPlaces). A question reads its site and nine cells
 * side by side, nearly all empty or holding only later close-outs; each a Map's list, that was ≈ 20
 * scattered reads of memory a question (≈ 2 s of the worker's time at 500,000 hazards). Here each
 * place's first day lies in its block's run of `first`, the nine cells in one or two blocks and three
 * short runs, and a place's list is read only when that day is stale (then dropped, as within()
 * does) or a close-out is added.
 */
class ItemPlaces {
  /** per block (its number × 64 + the place's offset in it): the first day of the place's list, or NONE */
  private first = new Int32Array(64 * 64).fill(NONE)
  /** the places' lists, where first is */
  private readonly lists: Array<number[] | null> = []
  private blocks = 0
  /** Blocks by their key, open-addressed: per slot the key (0 while empty) and the block's number. */
  private keys = new Int32Array(256)
  private numbers = new Int32Array(256)
  /** 32 − log2(slots): a key's first slot is the top bits of its product with 2^32/φ */
  private shift = 24
  /** The block last looked up and its number (−1: none), as the nine cells of a question are mostly in one. */
  private lastKey = 0
  private lastBlock = -1

  /** The block under `key`, or −1. */
  private find(key: number): number {
    const { keys } = this
    const mask = keys.length - 1
    for (let i = Math.imul(key, 0x9e3779b1) >>> this.shift; ; i = (i + 1) & mask) {
      const k = keys[i]!
      if (k === key) return this.numbers[i]!
      if (k === 0) return -1
    }
  }

  private place(key: number, block: number): void {
    const { keys } = this
    const mask = keys.length - 1
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift
    while (keys[i] !== 0) i = (i + 1) & mask
    keys[i] = key
    this.numbers[i] = block
  }

  /** The block under `key`, made when there is none. */
  private block(key: number): number {
    let block = this.find(key)
    if (block >= 0) return block
    block = this.blocks++
    // At most half full, so a miss ends soon.
    if (2 * this.blocks > this.keys.length) {
      const { keys, numbers } = this
      this.keys = new Int32Array(2 * keys.length)
      this.numbers = new Int32Array(2 * keys.length)
      this.shift--
      for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.place(keys[i]!, numbers[i]!)
    }
    this.place(key, block)
    if (64 * this.blocks > this.first.length) {
      const first = new Int32Array(2 * this.first.length).fill(NONE)
      first.set(this.first)
      this.first = first
    }
    for (let i = 0; i < 64; i++) this.lists.push(null)
    if (key === this.lastKey) this.lastBlock = block
    return block
  }

  /** A close-out at the place `offset` (0–63) of block `key` (a positive integer). */
  add(key: number, offset: number, closedDay: number): void {
    const at = this.block(key) * 64 + offset
    let list = this.lists[at]
    if (!list) this.lists[at] = list = []
    push(list, closedDay)
    this.first[at] = list[0]!
  }

  /** within() for the place `offset` of block `key`, reading its list only when its first day is stale. */
  near(key: number, offset: number, found: number): boolean {
    if (key !== this.lastKey) {
      this.lastKey = key
      this.lastBlock = this.find(key)
    }
    if (this.lastBlock < 0) return false
    const at = this.lastBlock * 64 + offset
    const first = this.first[at]!
    if (found - first > WITHIN_DAYS) {
      const list = this.lists[at]!
      within(list, found)
      this.first[at] = list.length > 0 ? list[0]! : NONE
    }
    return this.first[at]! <= found
  }
}

/**
 * Where each item was closed out and when: at its site, and in a cell of about 50 m. A return is
 * sought at the same site or in the cell and its eight neighbours, so nothing within 50 m escapes
 * (accountability.ts pairs the same site or within REOPEN_METRES; a little farther is no harm here).
 *
 * The ledger asks in order of the day found, so reopens() takes found days that never decrease
 * (it throws otherwise): a close-out more than REOPEN_DAYS before the day asked about can match no
 * later question either, and is dropped from its list. Each list is kept in order of the day, so a
 * question reads one close-out past the dropped ones, where it read every close-out before.
 */
export class ClosedPlaces {
  private readonly byItem = new Map<string, ItemPlaces>()
  /** site id → its number, counted from 0 as sites are first closed out at */
  private readonly sites = new Map<string, number>()
  private lastFound = -Infinity
  /** The last question and its answer, until a close-out is added. */
  private readonly last: { item: string; spot: Spot | null; day: number; answer: boolean } = { item: '', spot: null, day: 0, answer: false }
  private static readonly LON = 0.0006
  private static readonly LAT = 0.00045
  /** Sites' blocks are keyed from here on, past every cell's (cell()). */
  private static readonly SITES = 1 << 22
  /** The first cell placed: cells are counted from it, so a cell's column and row are small integers. */
  private x0 = NaN
  private y0 = NaN
  private cx = 0
  private cy = 0
  /**
   * A cell's column and row (into cx and cy), each counted from the first cell's, within ±8,190
   * (about 4° either way, many times the county), so that its block's key stays below SITES and
   * no two cells share a place.
   */
  private cell(lon: number, lat: number): void {
    const x = Math.round(lon / ClosedPlaces.LON)
    const y = Math.round(lat / ClosedPlaces.LAT)
    if (Number.isNaN(this.x0)) [this.x0, this.y0] = [x, y]
    const cx = x - this.x0 + 8192
    const cy = y - this.y0 + 8192
    if (cx < 1 || cx > 16382 || cy < 1 || cy > 16382) throw new Error(`a place at ${lon}, ${lat} is more than 4° from the first: beyond what ClosedPlaces counts cells in`)
    this.cx = cx
    this.cy = cy
  }
  /** The key of the block of cells holding column cx and row cy: positive, below SITES. */
  private static cellBlock(cx: number, cy: number): number {
    return (cx >> 3) * 2048 + (cy >> 3) + 1
  }
  add(item: string, spot: Spot, closedDay: number): void {
    this.last.spot = null
    let places = this.byItem.get(item)
    if (!places) this.byItem.set(item, (places = new ItemPlaces()))
    if (spot.site) {
      let site = this.sites.get(spot.site.id)
      if (site === undefined) this.sites.set(spot.site.id, (site = this.sites.size))
      places.add(ClosedPlaces.SITES + (site >> 6), site & 63, closedDay)
    }
    this.cell(spot.location[0], spot.location[1])
    const { cx, cy } = this
    places.add(ClosedPlaces.cellBlock(cx, cy), (cx & 7) * 8 + (cy & 7), closedDay)
  }
  /** Whether `item` was closed out at the spot's site or within about 50 m in the REOPEN_DAYS before `foundDay`; found days never decrease. */
  reopens(item: string, spot: Spot, foundDay: number): boolean {
    const { last } = this
    // A hazard asks the same question again as it is placed (before and after drawing anew): answered once.
    if (last.spot === spot && last.item === item && last.day === foundDay) return last.answer
    last.answer = this.answer(item, spot, foundDay)
    last.item = item
    last.spot = spot
    last.day = foundDay
    return last.answer
  }
  private answer(item: string, spot: Spot, foundDay: number): boolean {
    if (foundDay < this.lastFound) throw new Error(`closed places asked about day ${foundDay} after day ${this.lastFound}`)
    this.lastFound = foundDay
    const places = this.byItem.get(item)
    if (!places) return false
    const site = spot.site ? this.sites.get(spot.site.id) : undefined
    if (site !== undefined && places.near(ClosedPlaces.SITES + (site >> 6), site & 63, foundDay)) return true
    this.cell(spot.location[0], spot.location[1])
    const { cx, cy } = this
    for (let x = cx - 1; x <= cx + 1; x++)
      for (let y = cy - 1; y <= cy + 1; y++) if (places.near(ClosedPlaces.cellBlock(x, y), (x & 7) * 8 + (y & 7), foundDay)) return true
    return false
  }
}
