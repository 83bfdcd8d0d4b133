import { REOPEN_DAYS, REOPEN_METRES, metresBetween, reopensAfter } from '../accountability'
import { fromDay, toDay } from '../days'
import { BIN_DAYS, type DetectorOptions, MAX_BINS, type Signal, type WarningGeography, type WarningLedger } from './model'
import { categoryOfCode, cellsArea, itemIdOf, leadUnitOfCode, signalKey } from './signals'

/**
 * Detector 3, repeat sites (同一地点反复出现): the same item found again at the same place (within
 * REOPEN_METRES, or at the same key site) within REOPEN_DAYS after a close-out, as accountability's
 * `reopensAfter` judges it: a suspected false close-out (虚假销号) or a fix that failed. Reopenings
 * of one place and item chain together; the chain warns on its second reopening (R9, yellow), or on
 * its first when the closed or the returning hazard is major or significant (R8, orange).
 */

/** Chains are built from the finds of the last year (the detectors' look-back). */
const LOOK_BACK_DAYS = MAX_BINS * BIN_DAYS
/** A chain fires while its latest reopening was reported within this many days: after that the place has held. */
const FRESH_DAYS = REOPEN_DAYS
const EVIDENCE_MAX = 10
/** Level codes 1 major, 2 significant. */
const isSerious = (level: number) => level === 1 || level === 2

/**
 * The step of the hash grid, in degrees: at least REOPEN_METRES both ways below 60° latitude, so
 * every find within REOPEN_METRES of a close-out lies in the 3×3 block of cells around it.
 */
const CELL_DEG = REOPEN_METRES / (111_320 * Math.cos(Math.PI / 3))
/** Cells 4096 steps apart (≈ 250 km) share a key: harmless, as every pair is judged on its distance. */
const cellKey = (item: number, x: number, y: number) => (item * 4096 + (x & 4095)) * 4096 + (y & 4095)
const siteKey = (item: number, ord: number) => item * 1_048_576 + ord

export function detectRepeatSites(l: WarningLedger, geo: WarningGeography, options: DetectorOptions): Signal[] {
  const asOf = toDay(options.asOf)
  const links = reopenings(l, asOf)
  return chains(l, links, asOf).flatMap((chain) => {
    const s = chainSignal(l, geo, chain, asOf)
    return s ? [s] : []
  })
}

/** A reopening: the closed hazard's row and the row of the find that came back. */
interface Link {
  closed: number
  later: number
}

/** Every reopening known as of the day: the later find reported by then, the earlier closed by then. */
function reopenings(l: WarningLedger, asOf: number): Link[] {
  const from = asOf - LOOK_BACK_DAYS
  // The finds that may come back, by item and hash cell and by item and key site, each in order of the day found.
  const byCell = new Map<number, number[]>()
  const bySite = new Map<number, number[]>()
  const push = (map: Map<number, number[]>, k: number, i: number) => {
    const list = map.get(k)
    if (list) list.push(i)
    else map.set(k, [i])
  }
  for (let i = 0; i < l.n; i++) {
    if (l.reported[i]! > asOf || l.discovered[i]! < from) continue
    push(byCell, cellKey(l.item[i]!, Math.floor(l.lon[i]! / CELL_DEG), Math.floor(l.lat[i]! / CELL_DEG)), i)
    if (l.site[i]) push(bySite, siteKey(l.item[i]!, l.site[i]!), i)
  }
  const byDay = (a: number, b: number) => l.discovered[a]! - l.discovered[b]! || a - b
  for (const list of byCell.values()) list.sort(byDay)
  for (const list of bySite.values()) list.sort(byDay)

  const links: Link[] = []
  const here: [number, number] = [0, 0]
  const there: [number, number] = [0, 0]
  const metres = () => metresBetween(here, there)
  const seen = new Set<number>()
  const scan = (list: readonly number[] | undefined, i: number, closed: number) => {
    if (!list) return
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (l.discovered[list[mid]!]! < closed) lo = mid + 1
      else hi = mid
    }
    for (let k = lo; k < list.length; k++) {
      const j = list[k]!
      const d = l.discovered[j]!
      if (d > closed + REOPEN_DAYS) return
      if (j === i || seen.has(j)) continue
      there[0] = l.lon[j]!
      there[1] = l.lat[j]!
      if (reopensAfter(d - closed, l.site[i]! > 0 && l.site[i] === l.site[j], metres)) {
        seen.add(j)
        links.push({ closed: i, later: j })
      }
    }
  }
  for (let i = 0; i < l.n; i++) {
    const closed = l.closed[i]!
    if (closed <= 0 || closed > asOf || closed < from - REOPEN_DAYS || l.reported[i]! > asOf) continue
    here[0] = l.lon[i]!
    here[1] = l.lat[i]!
    const item = l.item[i]!
    const x = Math.floor(l.lon[i]! / CELL_DEG)
    const y = Math.floor(l.lat[i]! / CELL_DEG)
    seen.clear()
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) scan(byCell.get(cellKey(item, x + dx, y + dy)), i, closed)
    if (l.site[i]) scan(bySite.get(siteKey(item, l.site[i]!)), i, closed)
  }
  return links
}

/** One place and item's reopenings: its hazards' rows in order found, and the rows that came back. */
interface Chain {
  rows: number[]
  returned: Set<number>
  serious: boolean
}

/** Reopenings joined into chains: a find that came back and was closed again, and came back again, is one place. */
function chains(l: WarningLedger, links: readonly Link[], asOf: number): Chain[] {
  const parent = new Map<number, number>()
  const find = (i: number): number => {
    let r = i
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!
    // path compression keeps long chains at a key site cheap
    for (let k = i; k !== r; ) { const next = parent.get(k)!; parent.set(k, r); k = next }
    return r
  }
  for (const { closed, later } of links) {
    if (!parent.has(closed)) parent.set(closed, closed)
    if (!parent.has(later)) parent.set(later, later)
    const a = find(closed)
    const b = find(later)
    // the earlier row is the root, so a chain is named the same however it was joined
    if (a !== b) parent.set(Math.max(a, b), Math.min(a, b))
  }
  const byRoot = new Map<number, Chain>()
  for (const { closed, later } of links) {
    const root = find(closed)
    let chain = byRoot.get(root)
    if (!chain) byRoot.set(root, (chain = { rows: [], returned: new Set(), serious: false }))
    chain.returned.add(later)
    if (isSerious(l.level[closed]!) || isSerious(l.level[later]!)) chain.serious = true
  }
  for (const [i] of parent) byRoot.get(find(i))!.rows.push(i)
  const byFound = (a: number, b: number) => l.discovered[a]! - l.discovered[b]! || l.id[a]! - l.id[b]!
  const out = [...byRoot.values()]
  for (const c of out) c.rows.sort(byFound)
  // fresh chains only: the latest return reported within FRESH_DAYS
  return out.filter((c) => Math.max(...[...c.returned].map((j) => l.reported[j]!)) > asOf - FRESH_DAYS)
}

function chainSignal(l: WarningLedger, geo: WarningGeography, chain: Chain, asOf: number): Signal | null {
  const reopened = chain.returned.size
  if (reopened < 2 && !chain.serious) return null
  const first = chain.rows[0]!
  const code = l.item[first]!
  const category = categoryOfCode[code]!
  const item = itemIdOf[code]!
  const siteOrd = chain.rows.map((i) => l.site[i]!).find((s) => s > 0) ?? 0
  const siteId = siteOrd > 0 ? (l.siteIds?.[siteOrd] || `s${siteOrd}`) : `p:${l.id[first]}`
  const serious = chain.serious
  return {
    key: signalKey('repeat_site', `site:${siteId}`, category, item),
    detector: 'repeat_site',
    level: serious ? 'orange' : 'yellow',
    ruleId: serious ? 'R8' : 'R9',
    area: cellsArea('site', siteId, chain.rows.map((i) => l.grid[i]!), geo),
    category,
    item,
    window: { from: fromDay(l.discovered[first]!), to: fromDay(asOf) },
    observed: reopened,
    expected: null,
    ratio: null,
    stats: {},
    streak: reopened,
    slope: null,
    // the latest finds of the chain, in the order found
    evidence: chain.rows.slice(-EVIDENCE_MAX).map((i) => l.id[i]!),
    parameters: { metres: REOPEN_METRES, days: REOPEN_DAYS, hazards: chain.rows.length, serious: serious ? 1 : 0, site: siteOrd > 0 ? siteId : '' },
    responsible: { kind: 'lead_unit', id: leadUnitOfCode[code]! },
  }
}
