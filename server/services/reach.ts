import { type CategoryId, categories, categoryIds } from '../domain/categories'
import { type Actor, actorCategory, isCleared } from '../domain/roles'
import type { Reach } from './ledger/query'

/** What an actor's role bounds it to: a village, a district, a category, or the whole town. */
export function reachOf(actor: Actor): Reach {
  const clearedCategories = categoryIds.filter((c) => isCleared(actor, c))
  const generalisedItems = hiddenItems(actor)
  if (actor.role === 'grid' || actor.role === 'district') return { areaIds: actor.areaId ? [actor.areaId] : [], clearedCategories, generalisedItems }
  const category = actorCategory(actor)
  if (actor.role === 'lead_unit') return { categories: category ? [category] : [], clearedCategories, generalisedItems }
  return { clearedCategories, generalisedItems }
}

/** Confidential items whose text and exact place this actor may not see. */
export function hiddenItems(actor: Actor): string[] {
  if (actor.role === 'wall') return categories.flatMap((c) => c.items.map((i) => i.id))
  return categories.flatMap((c) => c.items.filter((i) => i.confidential && !isCleared(actor, c.id as CategoryId)).map((i) => i.id))
}
