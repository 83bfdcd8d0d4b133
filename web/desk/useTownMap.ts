import { computed, effectScope, onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import { CallError } from '../api/client'
import { hazardTileUrl } from '../api/tiles'
import { appConfig } from '../config'
import { sameCamera, type Insets, type MapCamera } from '../map/camera'
import { drillPath } from '../map/drill'
import type { MapTexts, TownMap } from '../map/create-map'
import { mapWillDraw } from '../map/draw-first'
import { prepareTownMap } from '../map/prepare'
import type { MapLayerState } from '../map/layer-groups'
import type { SubLevel } from '../map/layers/focus'
import type { MapPalette } from '../map/palette'
import type { MapHover, MapPick } from '../map/picks'
import { areaBounds } from '../map/town-data'
import { useFilterStore } from '../stores/filters'
import { useGeographyStore } from '../stores/geography'
import { useLiveStore } from '../stores/live'
import { useMapLayersStore } from '../stores/map-layers'
import { useOverlayStore } from '../stores/overlays'
import { useSelectionStore } from '../stores/selection'
import { useSessionStore } from '../stores/session'
import { useLocale } from '../composables/useLocale'
import { inFlight, useMapFigures } from '../composables/useMapFigures'
import { useMapTooltip } from './useMapTooltip'

export type MapState = 'loading' | 'ready' | 'error'
export type InsetsFor = (size: { width: number; height: number }) => Insets

/**
 * The room the desk's docks take (DeskView: left clamp(280px, 17vw, 340px), right
 * clamp(360px, 24vw, 520px), the time slider below, 12 px gaps), so a flight to an area lands
 * it in the part of the map no panel covers.
 */
export const deskInsets: InsetsFor = ({ width }) => ({
  top: 12,
  bottom: 80,
  left: Math.min(340, Math.max(280, 0.17 * width)) + 24,
  right: Math.min(520, Math.max(360, 0.24 * width)) + 24,
})

const subLevels: readonly SubLevel[] = ['district', 'village', 'grid']

/**
 * Mounts the town map into `container` once the data and the label font are in, then keeps it
 * a picture of the stores: the filter and live revision choose the hazard tiles, the drill-down
 * path the focus and the camera, the layers store the toggles. Clicks go back to the stores.
 */
export function useTownMap(container: Readonly<Ref<HTMLElement | null>>, palette: MapPalette, insets: InsetsFor) {
  const geography = useGeographyStore()
  const filters = useFilterStore()
  const selection = useSelectionStore()
  const live = useLiveStore()
  const layers = useMapLayersStore()
  const overlays = useOverlayStore()
  const session = useSessionStore()
  const { t, locale } = useLocale()
  const state = shallowRef<MapState>('loading')
  const failure = shallowRef<unknown>()
  const hover = shallowRef<MapHover>()
  const work = inFlight()
  const figures = useMapFigures(work.track)
  const tooltip = useMapTooltip(hover, figures)
  let townMap: TownMap | undefined
  let unmounted = false
  /** The map's watchers start once it exists (after an await), so they get a scope of their own to stop. */
  const following = effectScope()
  /** The camera the map last reported, to tell its own echo from a camera set from outside. */
  let reported: MapCamera | undefined
  /** The charts wait for the map's first picture (see draw-first.ts). */
  const drawn = mapWillDraw()

  const texts = (): MapTexts => ({
    attribution: t('map.attribution'),
    title: t('map.title', { town: geography.town?.properties.name ?? '' }),
  })
  const tiles = computed(() => hazardTileUrl(filters.queryString, live.revision))
  const focus = computed(() => {
    const path = filters.path
    const id = path.at(-1)
    const level = subLevels[path.length - 1]
    return { ...(id && level ? { area: { id, level } } : {}), target: subLevels[Math.min(path.length, subLevels.length - 1)]! }
  })
  const layerState = computed<MapLayerState>(() => ({
    visible: layers.visible,
    choroplethLevel: layers.choropleth.level,
    focus: focus.value,
    selectedHazard: selection.hazardId,
  }))
  const boundsOf = (id: string | undefined) => {
    const area = id ? geography.byId.get(id) : undefined
    return area && areaBounds(area)
  }

  function picked(pick: MapPick): void {
    if (pick.kind === 'hazard') selection.openHazard(pick.mark.id)
    else if (pick.kind === 'area') filters.drillTo(drillPath(filters.path, geography.pathTo(pick.id)))
  }

  // Started now, not when mounted: the downloads run while the rest of the page renders.
  const prepared = prepareTownMap(geography)
  prepared.catch(() => undefined) // answered in onMounted

  onMounted(async () => {
    try {
      const { createTownMap, data } = await prepared
      if (unmounted || !container.value) return
      townMap = createTownMap({
        container: container.value,
        data,
        palette,
        rasterBasemap: appConfig.rasterBasemap,
        texts: texts(),
        insets,
        hazardTiles: tiles.value,
        state: layerState.value,
        hazardPoints: !session.aggregateOnly,
        camera: selection.camera,
        // A link's area first; else a district officer or grid worker opens on their own area.
        area: boundsOf(filters.area ?? session.user?.areaId ?? undefined),
        events: {
          onPick: picked,
          onHover: (next) => (hover.value = next),
          onCamera: (camera) => {
            reported = camera
            selection.camera = camera
          },
        },
        testHooks: { stores: { filters, selection, layers, overlays, live }, settled: work.settled },
        onDrawn: drawn,
      })
      state.value = 'ready'
      follow(townMap)
    } catch (error) {
      failure.value = error
      state.value = 'error'
      drawn()
    }
  })

  /** From here on the map follows the stores. */
  function follow(map: TownMap): void {
    following.run(() => watchStores(map))
  }

  function watchStores(map: TownMap): void {
    watch(tiles, (url) => map.setHazardTiles(url))
    watch(layerState, (next) => map.setLayerState(next))
    watch(figures.classes, (next) => map.setChoropleth(next?.classes ?? new Map()), { immediate: true })
    watch(() => overlays.overlays, (next) => map.setOverlays(next), { immediate: true })
    // One watcher for both: a link or Back brings a path and a camera together, and the camera wins.
    watch([() => filters.path.join('/'), () => selection.camera], ([path, camera], [oldPath]) => {
      if (camera && !sameCamera(camera, reported)) map.jumpTo(camera)
      else if (path !== oldPath) map.showArea(boundsOf(filters.area))
    })
  }

  watch(locale, () => townMap?.setTexts(texts()))

  onBeforeUnmount(() => {
    unmounted = true
    drawn()
    following.stop()
    townMap?.destroy()
  })

  const errorMessage = computed(() => {
    const error = failure.value
    if (error === undefined) return undefined
    if (error instanceof CallError && error.notLoggedIn) return t('errors.notLoggedIn', { message: error.message })
    if (error instanceof CallError && error.noAnswer) return t('errors.noAnswer')
    return t('errors.loadFailed', { message: error instanceof Error ? error.message : String(error) })
  })

  return { state, errorMessage, tooltip, focus }
}
