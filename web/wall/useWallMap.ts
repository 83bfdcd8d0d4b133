import { computed, effectScope, onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import type { AreaRow } from '../api/stats'
import { hazardTileUrl } from '../api/tiles'
import { appConfig } from '../config'
import type { TownMap } from '../map/create-map'
import { mapWillDraw } from '../map/draw-first'
import { prepareTownMap } from '../map/prepare'
import { heatToggle, mapLayerToggles, type MapLayerState, type MapLayerToggle } from '../map/layer-groups'
import { areaBounds } from '../map/town-data'
import { fourColourClasses, wallMapPalette } from './wall-palette'
import { type PulseSpot, type PulseTone, wallPulses } from './wall-pulse'
import { type WarningSpot, wallWarningPulses } from '../warnings/wall-warning-pulses'
import { categoryIds } from '../../server/domain/categories'
import { useFilterStore } from '../stores/filters'
import { useGeographyStore } from '../stores/geography'
import { useLiveStore } from '../stores/live'
import { useMapLayersStore } from '../stores/map-layers'
import { useOverlayStore } from '../stores/overlays'
import { useSelectionStore } from '../stores/selection'
import { useLocale } from '../composables/useLocale'
import { mapScale } from './useWallUnit'
import type { TourStop } from './useWallTour'

export type WallMapState = 'loading' | 'ready' | 'error'

/** Wait before asking again for a map that failed to load (the server restarting): nobody is there to reload the wall. */
export const MAP_RETRY_MS = 5_000
/** Places pulsing at once for overdue hazards: the worst few, or the map would only flicker. */
export const OVERDUE_PULSES = 12

/** Heat of all four categories, the four-colour villages and the key sites; never single hazards. */
const shown: Record<MapLayerToggle, boolean> = Object.fromEntries(
  mapLayerToggles.map((t) => [t, t === 'choropleth' || t === 'sites' || categoryIds.some((c) => heatToggle(c) === t)]),
) as Record<MapLayerToggle, boolean>

/** The map's layer state at a stop: the district on tour outlined, the rest of the town veiled. */
export function wallLayerState(stop: TourStop): MapLayerState {
  return {
    visible: shown,
    choroplethLevel: 'village',
    focus: stop ? { area: { id: stop, level: 'district' }, target: 'village' } : { target: 'district' },
  }
}

/** The villages to pulse for overdue hazards at a stop: those in it with the most overdue, at most `limit`. */
export function overdueVillages(rows: readonly AreaRow[], inStop: (villageId: string) => boolean, limit = OVERDUE_PULSES): string[] {
  return rows
    .filter((r) => r.overdue > 0 && inStop(r.areaId))
    .sort((a, b) => b.overdue - a.overdue || a.areaId.localeCompare(b.areaId))
    .slice(0, limit)
    .map((r) => r.areaId)
}

/**
 * The wall's map in `container`: the town map (districts, villages, grid cells, base, key sites)
 * in the wall's palette, with the heat of every category and the villages in four colours. It
 * follows the tour (flies to the district, outlines it) and the live revision (new tiles), and
 * pulses briefly where hazards are overdue at each stop and where the stream reports news.
 */
export interface WallMapInput {
  stop: Readonly<Ref<TourStop>>
  villages: Readonly<Ref<AreaRow[] | undefined>>
  /** the live revision of the figures on show: the tiles follow it, so they never run ahead of the figures */
  revision: Readonly<Ref<number>>
  unit: Readonly<Ref<number>>
  settled: () => Promise<void>
  /** the open red and orange warnings, pulsing where they are for as long as they are open */
  warnings?: Readonly<Ref<readonly WarningSpot[]>>
}

export function useWallMap(container: Readonly<Ref<HTMLElement | null>>, { stop, villages, revision, unit, settled, warnings }: WallMapInput) {
  const geography = useGeographyStore()
  const { t } = useLocale()
  const state = shallowRef<WallMapState>('loading')
  // Rings are drawn inside the map's (scaled) box: sized in its own pixels.
  const pulses = wallPulses(wallMapPalette, () => (unit.value / mapScale(unit.value)) * 4)
  const warningPulses = wallWarningPulses(() => (unit.value / mapScale(unit.value)) * 3)
  const following = effectScope()
  let townMap: TownMap | undefined
  let unmounted = false
  /** The charts wait for the map's first picture (see draw-first.ts). */
  const drawn = mapWillDraw()

  const tiles = computed(() => hazardTileUrl('', revision.value))
  const classes = computed(() => (villages.value ? fourColourClasses(villages.value) : undefined))
  const villagePoint = (id: string): [number, number] | undefined => geography.byId.get(id)?.properties.label
  const boundsOf = (id: TourStop) => {
    const area = id ? geography.byId.get(id) : undefined
    return area && areaBounds(area)
  }
  const texts = () => ({ attribution: t('map.attribution'), title: t('wall.map.title', { town: geography.town?.properties.name ?? '' }) })

  function spots(ids: readonly string[], tone: PulseTone): PulseSpot[] {
    return ids.flatMap((id) => {
      const lngLat = villagePoint(id)
      return lngLat ? [{ lngLat, tone }] : []
    })
  }

  function pulseOverdue(at: TourStop): void {
    const rows = villages.value
    if (!rows) return
    const inStop = (id: string) => at === null || geography.byId.get(id)?.properties.parentId === at
    pulses.pulse(spots(overdueVillages(rows, inStop), 'overdue'))
  }

  /** A place the stream just reported on: a new hazard, a close-out or an escalation. */
  function pulseAt(villageId: string, tone: PulseTone): void {
    pulses.pulse(spots([villageId], tone))
  }

  let retry: ReturnType<typeof setTimeout> | undefined
  // Started now, not when mounted: the downloads run while the panels render.
  let prepared = prepareTownMap(geography)
  prepared.catch(() => undefined) // answered in mount()

  /** Loads the data and draws the map; a failure is tried again until it works or the wall goes away. */
  async function mount(): Promise<void> {
    try {
      const { createTownMap, data } = await prepared
      if (unmounted || !container.value) return
      const map = createTownMap({
        container: container.value,
        data,
        palette: wallMapPalette,
        rasterBasemap: appConfig.rasterBasemap,
        texts: texts(),
        // The panels sit beside the map, not over it: only the caption (top) and legend (bottom) to keep clear of.
        insets: ({ height }) => ({ top: height * 0.1, bottom: height * 0.16, left: 0, right: 0 }),
        hazardTiles: tiles.value,
        state: wallLayerState(stop.value),
        hazardPoints: false,
        pixelRatio: mapScale(unit.value) * (window.devicePixelRatio || 1),
        area: boundsOf(stop.value),
        events: { onPick: () => undefined, onHover: () => undefined, onCamera: () => undefined },
        testHooks: {
          stores: { filters: useFilterStore(), selection: useSelectionStore(), layers: useMapLayersStore(), overlays: useOverlayStore(), live: useLiveStore() },
          settled,
        },
        onDrawn: drawn,
        addOn: (m) => {
          pulses.attach(m)
          pulseOverdue(stop.value)
          warningPulses.attach(m)
          warningPulses.show(warnings?.value ?? [])
        },
      })
      townMap = map
      state.value = 'ready'
      following.run(() => {
        watch(tiles, (url) => map.setHazardTiles(url))
        watch(classes, (next) => map.setChoropleth(next?.classes ?? new Map()), { immediate: true })
        if (warnings) watch(warnings, (next) => warningPulses.show(next))
        watch(stop, (next) => {
          map.setLayerState(wallLayerState(next))
          map.showArea(boundsOf(next))
          pulseOverdue(next)
        })
      })
    } catch {
      state.value = 'error'
      drawn()
      if (!unmounted)
        retry = setTimeout(() => {
          prepared = prepareTownMap(geography)
          void mount()
        }, MAP_RETRY_MS)
    }
  }

  onMounted(mount)

  onBeforeUnmount(() => {
    unmounted = true
    clearTimeout(retry)
    drawn()
    following.stop()
    pulses.destroy()
    warningPulses.destroy()
    townMap?.destroy()
    townMap = undefined
  })

  return { state, classes, pulseAt }
}
