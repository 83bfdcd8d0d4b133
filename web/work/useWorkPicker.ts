import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import type { LonLat } from '../api/areas'
import { loadLabelFont } from '../map/fonts'
import { deskPalette, drawnAreaLevels } from '../map/palette'
import type { PointPicker } from './pick-point'
import { areaBounds, labelCharacters } from '../map/town-data'
import { useGeographyStore } from '../stores/geography'
import { useSessionStore } from '../stores/session'
import { useLocale } from '../composables/useLocale'

/**
 * The report form's small map: opens on the reader's own area (a village worker's village, a
 * district's district) and turns a click into coordinates; typed coordinates move the mark.
 */
export function useWorkPicker(container: Readonly<Ref<HTMLElement | null>>, point: () => LonLat | undefined, onPick: (p: LonLat) => void) {
  const geography = useGeographyStore()
  const session = useSessionStore()
  const { t } = useLocale()
  const state = shallowRef<'loading' | 'ready' | 'error'>('loading')
  const failure = shallowRef<string>()
  let picker: PointPicker | undefined
  let unmounted = false

  onMounted(async () => {
    try {
      // MapLibre (the bulk of the download) comes while the shapes do.
      const [{ createPointPicker }, areas, basemap] = await Promise.all([
        import('./pick-point'),
        Promise.all(drawnAreaLevels.map((level) => geography.loadLevel(level))).then((levels) => levels.flat()),
        geography.loadBasemap(),
      ])
      await loadLabelFont(labelCharacters({ areas, basemap, sites: [] }))
      if (unmounted || !container.value) return
      const own = geography.byId.get(session.user?.areaId ?? '')
      const bounds = own && areaBounds(own)
      picker = createPointPicker({
        container: container.value,
        data: { areas, basemap },
        palette: deskPalette,
        ...(own && bounds && { area: { bounds, centre: own.properties.label } }),
        title: t('work.report.mapTitle'),
        onPick,
      })
      picker.setPoint(point())
      state.value = 'ready'
    } catch (error) {
      failure.value = error instanceof Error ? error.message : String(error)
      state.value = 'error'
    }
  })

  watch(point, (p) => picker?.setPoint(p))

  onBeforeUnmount(() => {
    unmounted = true
    picker?.destroy()
  })

  return { state, failure }
}
