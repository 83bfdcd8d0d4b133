import { computed, watch } from 'vue'
import type { AreaLevel } from '../../server/domain/areas'
import { areaLevels } from '../../server/domain/areas'
import { useFilterStore } from '../stores/filters'
import { useGeographyStore } from '../stores/geography'
import { useLocale } from '../composables/useLocale'

const pathLevels: readonly AreaLevel[] = ['district', 'village', 'grid']

export interface Crumb {
  /** how many steps below the town: 0 is the town itself */
  depth: number
  id: string
  name: string
  /** the level's name (管区, 村庄 …), for screen readers and tooltips */
  levelName: string
}

/**
 * The drill-down path as crumbs named from the geography store, from the town down to the area
 * the desk is showing, and the way back up to any of them.
 */
export function useAreaPath() {
  const filters = useFilterStore()
  const geography = useGeographyStore()
  const { nameOf } = useLocale()

  // Names come with each level; ask only for the levels the path reaches.
  watch(
    () => filters.path.length,
    (depth) => {
      for (const level of ['town' as const, ...pathLevels.slice(0, depth)]) geography.loadLevel(level).catch(() => undefined)
    },
    { immediate: true },
  )

  const crumbs = computed<Crumb[]>(() => {
    const town = geography.town?.properties
    const root: Crumb = { depth: 0, id: town?.id ?? '', name: town?.name ?? '…', levelName: nameOf(areaLevels.town) }
    const below = filters.path.map((id, i) => {
      const level = pathLevels[i]!
      return { depth: i + 1, id, name: geography.byId.get(id)?.properties.name ?? id, levelName: nameOf(areaLevels[level]) }
    })
    return [root, ...below]
  })

  /** Goes back up to the crumb at `depth` (0: the whole town). */
  function goTo(depth: number): void {
    if (depth < filters.path.length) filters.up(filters.path.length - depth)
  }

  return { crumbs, goTo }
}
