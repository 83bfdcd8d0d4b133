import type { HazardColumns } from './ledger/columns'

/** Whether two index rows say the same (site ordinals are each table's own: compared by site id). */
export function sameRow(a: HazardColumns, i: number, b: HazardColumns, j: number): boolean {
  return a.id[i] === b.id[j] && a.grid[i] === b.grid[j] && a.item[i] === b.item[j] && a.status[i] === b.status[j] &&
    a.level[i] === b.level[j] && a.source[i] === b.source[j] && a.escalated[i] === b.escalated[j] &&
    a.discovered[i] === b.discovered[j] && a.deadline[i] === b.deadline[j] && a.closed[i] === b.closed[j] &&
    a.campaign[i] === b.campaign[j] && a.lon[i] === b.lon[j] && a.lat[i] === b.lat[j] && a.reportDelay[i] === b.reportDelay[j] &&
    a.reported[i] === b.reported[j] && a.rectified[i] === b.rectified[j] && a.sites.idOf(a.site[i]!) === b.sites.idOf(b.site[j]!)
}

/** The entries of `ids` that `keep` keeps and the map holds. */
export function filterMap<V>(map: ReadonlyMap<number, V>, ids: readonly number[], keep: (id: number) => boolean): Map<number, V> {
  const out = new Map<number, V>()
  for (const id of ids) {
    const v = map.get(id)
    if (v !== undefined && keep(id)) out.set(id, v)
  }
  return out
}
