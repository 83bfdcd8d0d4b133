import type { Geometry } from 'geojson'
import { onBeforeUnmount, watch } from 'vue'
import { useGeographyStore } from '../stores/geography'
import { useOverlayStore } from '../stores/overlays'
import { useWarningsStore } from './useWarningsStore'
import { standingCellFeatures, warnedCellFeatures } from './warnings'

/** The overlay ids the warnings draw under (see stores/overlays.ts). */
export const warningOverlays = { warned: 'warnings-warned', standing: 'warnings-standing', evidence: 'warnings-evidence' } as const

/**
 * Keeps the desk's map showing the warned cells in their level's colour and the standing hot spots
 * beneath them, while the layer is on; the opened warning's cells are outlined thicker. The cells'
 * shapes are the grid the map already loaded (the geography store), so nothing more is fetched.
 */
export function useWarningLayer() {
  const warnings = useWarningsStore()
  const overlays = useOverlayStore()
  const geography = useGeographyStore()
  const geometryOf = (cellId: string): Geometry | undefined => geography.byId.get(cellId)?.geometry

  function hide(): void {
    overlays.hide(warningOverlays.standing)
    overlays.hide(warningOverlays.warned)
  }

  watch(
    [() => warnings.layerShown, () => warnings.list, () => warnings.openId, () => geography.levels.grid],
    ([shown, list, openId]) => {
      if (!shown || !list) return hide()
      overlays.show(warningOverlays.standing, { kind: 'standingCells', data: standingCellFeatures(list.persistent.map((p) => p.cells), geometryOf) })
      overlays.show(warningOverlays.warned, { kind: 'warnedCells', data: warnedCellFeatures(list.warnings, geometryOf, openId) })
    },
    { immediate: true },
  )
  onBeforeUnmount(hide)
}
