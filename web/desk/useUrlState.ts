import { computed, watch } from 'vue'
import { type LocationQuery, useRoute, useRouter } from 'vue-router'
import type { AreaLevel } from '../../server/domain/areas'
import { useFilterStore } from '../stores/filters'
import { useGeographyStore } from '../stores/geography'
import { useMapLayersStore } from '../stores/map-layers'
import { useSelectionStore } from '../stores/selection'
import { useSessionStore } from '../stores/session'
import { defaultChoropleth } from '../map/choropleth'
import { defaultLayerToggles } from '../map/layer-groups'
import { type DeskState, deskQuery, deskQueryKeys, parseDeskQuery, queryKey, transientQueryKeys } from './desk-query'

const pathLevels: readonly AreaLevel[] = ['district', 'village', 'grid']
const ownKeys: readonly string[] = deskQueryKeys

/** The URL's own view (normalised, so equal views compare equal) and the keys others put there. */
function split(query: LocationQuery): { ours: Record<string, string>; others: LocationQuery } {
  const others = Object.fromEntries(Object.entries(query).filter(([key]) => !ownKeys.includes(key)))
  return { ours: deskQuery(parseDeskQuery(query)), others }
}

/** Only the continuously changing keys differ: the camera moved, the time slider scrubbed. */
function onlyTransient(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((key) => transientQueryKeys.includes(key) || a[key] === b[key])
}

/**
 * Keeps the desk's view (filters, drill-down path, camera, open hazard, layers) and the URL in step both
 * ways, so a link reproduces the view and Back undoes a filter or a drill-down. Camera moves and
 * time scrubbing replace the history entry instead of adding one.
 */
export function useUrlState() {
  const route = useRoute()
  const router = useRouter()
  const filters = useFilterStore()
  const selection = useSelectionStore()
  const geography = useGeographyStore()
  const layers = useMapLayersStore()
  const session = useSessionStore()
  const home = route.path

  const state = computed<DeskState>(() => ({
    choice: filters.choice,
    path: filters.path,
    camera: selection.camera,
    hazardId: selection.hazardId,
    layers: layers.on,
    cut: layers.choropleth,
  }))
  const current = computed(() => deskQuery(state.value))

  /** A path from a link, kept up to its first step that is not a child of the one before. */
  async function validPath(path: readonly string[]): Promise<string[]> {
    if (!path.length) return []
    const levels = await Promise.all(pathLevels.slice(0, path.length).map((level) => geography.loadLevel(level)))
    const valid: string[] = []
    for (const [depth, id] of path.entries()) {
      const area = levels[depth]?.find((f) => f.properties.id === id)
      if (!area || (depth > 0 && area.properties.parentId !== path[depth - 1])) break
      valid.push(id)
    }
    return valid
  }

  /** Pending path checks: while one runs, the URL is not rewritten from a half-restored view. */
  let checking = 0
  let applied = 0
  let replaceNext = false

  function apply(query: LocationQuery): void {
    const next = parseDeskQuery(query)
    const turn = ++applied
    if (queryKey(deskQuery({ choice: next.choice, path: [] })) !== queryKey(deskQuery({ choice: filters.choice, path: [] }))) filters.restore(next.choice, filters.path)
    if (next.hazardId !== selection.hazardId) selection.openHazard(next.hazardId)
    const cameraKey = (camera: DeskState['camera']) => deskQuery({ choice: {}, path: [], camera }).map
    // An equal camera (to the URL's precision) is left alone, so the map is not nudged by its own echo.
    if (next.camera && cameraKey(next.camera) !== cameraKey(selection.camera)) selection.camera = next.camera
    // Absent from the URL means the desk's defaults: Back to a link without them brings those back.
    const looks = (state: Pick<DeskState, 'layers' | 'cut'>) => queryKey(deskQuery({ choice: {}, path: [], ...state }))
    const nextLayers = next.layers ?? defaultLayerToggles
    if (looks({ layers: [...nextLayers] }) !== looks({ layers: layers.on })) layers.showOnly(nextLayers)
    const nextCut = next.cut ?? defaultChoropleth
    if (looks({ cut: nextCut }) !== looks({ cut: layers.choropleth })) layers.cut(nextCut)
    if (next.path.join() === filters.path.join()) return
    // The area is taken only once it is known to exist, so no panel asks the server about an unknown one.
    checking++
    validPath(next.path)
      // Geography that cannot load must not leave the desk stuck: the path is taken as given.
      .catch(() => next.path)
      .then((valid) => {
        // Before the drill, so that the URL follows it (and drops what was not valid).
        checking--
        if (turn !== applied) return
        if (valid.length < next.path.length) replaceNext = true
        filters.drillTo(valid)
      })
  }

  apply(route.query)

  watch(current, (next) => {
    // Logged out, the desk is on its way to the login page (the map may still report a camera as
    // the header goes): a navigation now would overtake that one.
    if (route.path !== home || checking > 0 || !session.user) return
    const { ours, others } = split(route.query)
    if (queryKey(ours) === queryKey(next)) return
    const location = { path: home, query: { ...others, ...next }, hash: route.hash }
    const replace = replaceNext || onlyTransient(ours, next)
    replaceNext = false
    void (replace ? router.replace(location) : router.push(location))
  })

  // Back and Forward (and links inside the app) bring the view the URL names.
  watch(
    () => route.query,
    (query) => {
      if (route.path !== home) return
      if (queryKey(split(query).ours) !== queryKey(current.value)) apply(query)
    },
  )
}
