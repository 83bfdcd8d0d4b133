import { type CategoryId, itemById } from '../../server/domain/categories'

/**
 * The plan's items a worker picks most, kept on the phone (localStorage, per account): the report
 * form offers them first, so a worker who reports the same few things all day picks in one tap.
 */
export interface ItemUse {
  count: number
  /** epoch ms of the last pick */
  last: number
}
export type ItemUsage = Record<string, ItemUse>

const key = (username: string) => `pingan.phone.items.${username}`

export function loadUsage(username: string): ItemUsage {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(key(username)) ?? '{}')
    return parsed && typeof parsed === 'object' ? (parsed as ItemUsage) : {}
  } catch {
    return {}
  }
}

/** Counts one more pick of `item` (when the report is queued, not when merely tapped). */
export function recordUse(username: string, item: string, now = Date.now()): void {
  const usage = loadUsage(username)
  const before = usage[item]
  usage[item] = { count: (before?.count ?? 0) + 1, last: now }
  globalThis.localStorage?.setItem(key(username), JSON.stringify(usage))
}

/**
 * The items to offer first: the last one picked, then the most picked (ties: the more recent),
 * at most `limit`, and only items the plan still has in a category the reporter may use.
 */
export function topItems(usage: ItemUsage, allowed: readonly CategoryId[], limit = 4): Array<{ item: string; category: CategoryId }> {
  const known = Object.entries(usage).filter(([id]) => {
    const item = itemById.get(id)
    return item !== undefined && allowed.includes(item.category)
  })
  const latest = [...known].sort((a, b) => b[1].last - a[1].last)[0]
  const frequent = [...known].sort((a, b) => b[1].count - a[1].count || b[1].last - a[1].last)
  const order = latest ? [latest, ...frequent.filter((e) => e !== latest)] : frequent
  return order.slice(0, limit).map(([id]) => ({ item: id, category: itemById.get(id)!.category }))
}
