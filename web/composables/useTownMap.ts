import { computed, onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import { ApiError } from '../api/client'
import { appConfig } from '../config'
import type { MapTexts, TownMap } from '../map/create-map'
import { loadLabelFont } from '../map/fonts'
import { drawnAreaLevels, type MapPalette } from '../map/palette'
import { labelCharacters, type TownMapData } from '../map/town-data'
import { useGeographyStore } from '../stores/geography'
import { useLocale } from './useLocale'

export type MapState = 'loading' | 'ready' | 'error'

/**
 * Mounts the town map into `container` once the data and the label font are in, keeps its
 * texts in the reader's language and removes it with the component.
 */
export function useTownMap(container: Readonly<Ref<HTMLElement | null>>, palette: MapPalette) {
  const geography = useGeographyStore()
  const { t, locale } = useLocale()
  const state = shallowRef<MapState>('loading')
  const failure = shallowRef<unknown>()
  let townMap: TownMap | undefined
  let unmounted = false

  const texts = (): MapTexts => ({
    attribution: t('map.attribution'),
    title: t('map.title', { town: geography.town?.properties.name ?? '' }),
  })

  async function loadData(): Promise<TownMapData> {
    const [areas, basemap] = await Promise.all([
      Promise.all(drawnAreaLevels.map((level) => geography.loadLevel(level))),
      geography.loadBasemap(),
    ])
    return { areas: areas.flat(), basemap }
  }

  onMounted(async () => {
    try {
      // MapLibre (most of the app's weight) downloads while the data and the font do.
      const [{ createTownMap }, data] = await Promise.all([import('../map/create-map'), loadData()])
      await loadLabelFont(labelCharacters(data))
      if (unmounted || !container.value) return
      townMap = createTownMap({
        container: container.value,
        data,
        palette,
        rasterBasemap: appConfig.rasterBasemap,
        texts: texts(),
      })
      state.value = 'ready'
    } catch (error) {
      failure.value = error
      state.value = 'error'
    }
  })

  watch(locale, () => townMap?.setTexts(texts()))

  onBeforeUnmount(() => {
    unmounted = true
    townMap?.destroy()
  })

  const errorMessage = computed(() => {
    const error = failure.value
    if (error === undefined) return undefined
    if (error instanceof ApiError && error.notLoggedIn) return t('errors.notLoggedIn', { message: error.message })
    if (error instanceof ApiError && error.noAnswer) return t('errors.noAnswer')
    return t('errors.loadFailed', { message: error instanceof Error ? error.message : String(error) })
  })

  return { state, errorMessage }
}
