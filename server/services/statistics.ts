import type { AreaLevel } from '../domain/areas'
import { type Actor, isAggregateOnly } from '../domain/roles'
import { ApiError } from './errors'
import type { Services } from './context'
import { itemCode, itemConfidential } from './ledger/codes'
import type { AreaRow, Bucket, HazardFilter, Reach } from './ledger'
import { hiddenItems, reachOf } from './reach'

/** The caller's reach and text matches for a filter, once the filter is checked. */
function scopeOf(s: Services, actor: Actor, filter: HazardFilter): { reach: Reach; text: Set<number> | null } {
  // A hazard's number or its campaign can narrow a count to one hazard: the wall counts areas, not records.
  const picking = (['q', 'campaign'] as const).filter((field) => filter[field] !== undefined)
  if (isAggregateOnly(actor) && picking.length)
    throw new ApiError(403, 'forbidden', 'The wall display reads aggregates only: no search or campaign filter.', picking.map((field) => ({ field, message: 'not for the wall display' })))
  const unknown = (filter.area ?? []).filter((id) => !s.ledger.areas.byId.has(id))
  if (unknown.length) throw new ApiError(400, 'invalid_input', `Unknown area: ${unknown.join(', ')}.`, unknown.map(() => ({ field: 'area', message: 'unknown area id' })))
  if (filter.from && filter.to && filter.from > filter.to)
    throw new ApiError(400, 'invalid_input', 'from is after to.', [{ field: 'from', message: 'after to' }])
  return { reach: reachOf(actor), text: filter.q ? s.store.hazards.searchText(filter.q, hiddenItems(actor)) : null }
}

/** The hazards a filter keeps within the actor's reach, as indices into the ledger index. */
export function selectHazards(s: Services, actor: Actor, filter: HazardFilter): Int32Array {
  const { reach, text } = scopeOf(s, actor, filter)
  return s.ledger.select(filter, reach, s.today(), text)
}

/** Ids of the newest hazards a filter keeps within the actor's reach (the list's page), before a cursor. */
export function newestHazards(s: Services, actor: Actor, filter: HazardFilter, limit: number, before?: { day: number; id: number }): number[] {
  const { reach, text } = scopeOf(s, actor, filter)
  return s.ledger.newestOf(filter, reach, s.today(), text, limit, before)
}

export function summary(s: Services, actor: Actor, filter: HazardFilter) {
  const { reach, text } = scopeOf(s, actor, filter)
  return s.ledger.summaryOf(filter, reach, s.today(), text)
}

/**
 * The campaign's first day, read once a store: only the seed writes it, before the server answers
 * anyone. Read per request, it was a database round trip on every trend in the PostgreSQL mode
 * (1.7× SQLite's trend in npm run bench:stores, where the rest is the same in-memory index).
 */
const campaignStarts = new WeakMap<Services['store'], string>()
function campaignStart(s: Services): string | undefined {
  const known = campaignStarts.get(s.store)
  if (known !== undefined) return known
  const start = s.store.meta.get('campaignStart')
  if (start !== undefined) campaignStarts.set(s.store, start)
  return start
}

export function trend(s: Services, actor: Actor, filter: HazardFilter, bucket: Bucket) {
  const from = filter.from ?? campaignStart(s) ?? s.today()
  const to = filter.to ?? s.today()
  return s.ledger.trend(selectHazards(s, actor, filter), bucket, from, to < from ? from : to)
}

export function areaTable(s: Services, actor: Actor, filter: HazardFilter, level: AreaLevel): AreaRow[] {
  const sel = selectHazards(s, actor, filter)
  if (level !== 'grid') return s.ledger.byArea(sel, level, s.today())
  const cols = s.ledger.columns
  if (actor.role !== 'wall') {
    // Hazards this caller sees only at their village are not counted per grid cell, or the count would place them.
    const hidden = new Set(hiddenItems(actor).map((id) => itemCode.get(id)!))
    return s.ledger.byArea(hidden.size ? sel.filter((i) => !hidden.has(cols.item[i]!)) : sel, level, s.today())
  }
  // The wall learns confidential counts per village and above only: a cell's count, differenced
  // over date windows, could single out one hazard however many the cell holds today.
  return s.ledger.byArea(sel.filter((i) => !itemConfidential[cols.item[i]!]), level, s.today())
}
