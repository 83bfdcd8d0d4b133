import type { BBox } from 'geojson'
import { computed, onBeforeUnmount, shallowRef, watch } from 'vue'
import { categoryById } from '../../server/domain/categories'
import { riskLevels } from '../../server/domain/levels'
import { siteKindIds, siteKinds, type SiteKind } from '../../server/domain/sites'
import { statuses } from '../../server/domain/statuses'
import { fetchAllHazards, type HazardFeature } from '../api/hazard-list'
import { fetchSites, type SiteFeature } from '../api/sites'
import { buildCsv, type CsvValue } from '../geo/proximity-csv'
import { bboxParam, buffersBoxes, hazardsNear, hitPoints, siteBuffers, type Hit, type PointFeature } from '../geo/proximity'
import { useFilterStore } from '../stores/filters'
import { useLiveStore } from '../stores/live'
import { useOverlayStore } from '../stores/overlays'
import { useSelectionStore } from '../stores/selection'
import { useLocale } from '../composables/useLocale'

/** The kinds asked about first: where people gather or a hazard would spread (学校、水库、加油站). */
export const defaultProximityKinds: readonly SiteKind[] = ['school', 'reservoir', 'gas_station']
export const radiusBounds = { min: 100, max: 2000, step: 50, initial: 500 } as const
/** The overlay ids this panel draws under (see stores/overlays.ts). */
export const proximityOverlays = { buffers: 'proximity-buffers', hits: 'proximity-hits' } as const
/** Filter edits and live changes come in bursts: one recomputation once they settle. */
const RERUN_MS = 200
/** Boxes of hazards asked for at once. */
const PARALLEL_FETCHES = 4

/** What the site needs to be drawn and named: no people, no phone numbers on the map. */
type SiteMark = { id: string; name: string; kind: SiteKind }
/** A hazard's properties as the list gives them (its location is the feature's geometry). */
type HazardProps = HazardFeature['properties']
type ProximityHit = Hit<HazardProps, SiteMark>

/** One line of the list and of the CSV, in the reader's language. */
export interface ProximityRow {
  id: number
  code: string
  /** the title, or "保密" for a hazard generalised for this reader */
  title: string
  generalised: boolean
  category: string
  level: string
  status: string
  site: string
  siteKind: string
  /** whole metres to the nearest site */
  metres: number
}

export interface RowNames {
  confidential: string
  unassessed: string
  name: (bilingual: { zh: string; en: string }) => string
}

export function proximityRows(hits: readonly ProximityHit[], names: RowNames): ProximityRow[] {
  return hits.map(({ hazard: { properties: h }, site: { properties: s }, metres }) => ({
    id: h.id,
    code: h.code,
    title: h.generalised ? names.confidential : h.title,
    generalised: h.generalised,
    category: names.name(categoryById[h.category].name),
    level: h.level ? names.name(riskLevels[h.level]) : names.unassessed,
    status: names.name(statuses[h.status]),
    site: s.name,
    siteKind: names.name(siteKinds[s.kind]),
    metres: Math.round(metres),
  }))
}

const slim = (site: SiteFeature): PointFeature<SiteMark> => ({
  type: 'Feature',
  geometry: site.geometry,
  properties: { id: site.properties.id, name: site.properties.name, kind: site.properties.kind },
})

/**
 * The hazards of the filter inside any of the boxes, each once, newest (highest id) first so the
 * order of equally near hazards does not depend on which box answered first.
 */
async function hazardsInBoxes(boxes: readonly BBox[], query: Record<string, string>, isStale: () => boolean): Promise<HazardFeature[]> {
  const found = new Map<number, HazardFeature>()
  const queue = [...boxes]
  const fetchSome = async () => {
    for (let box = queue.shift(); box && !isStale(); box = queue.shift())
      for (const hazard of await fetchAllHazards({ ...query, bbox: bboxParam(box) }, isStale)) found.set(hazard.properties.id, hazard)
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_FETCHES, boxes.length) }, fetchSome))
  return [...found.values()].sort((a, b) => b.properties.id - a.properties.id)
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1_000)
}

/**
 * "Which hazards lie within N metres of these kinds of site": fetches the sites and the hazards
 * of the current filter inside the buffers' bounds, measures with turf, draws the buffers and the
 * hits through the overlay store, and keeps the answer current while it is shown.
 */
export function useProximity() {
  const filters = useFilterStore()
  const live = useLiveStore()
  const overlays = useOverlayStore()
  const selection = useSelectionStore()
  const { t, nameOf } = useLocale()

  const kinds = shallowRef<SiteKind[]>([...defaultProximityKinds])
  const radius = shallowRef<number>(radiusBounds.initial)
  /** shown on the map and kept current until cleared */
  const active = shallowRef(false)
  const running = shallowRef(false)
  const failure = shallowRef<string>()
  const hits = shallowRef<ProximityHit[]>([])
  const siteCount = shallowRef(0)
  /** the radius the shown answer was computed for */
  const answeredRadius = shallowRef<number>(radiusBounds.initial)

  let asked = 0
  const sitesByKinds = new Map<string, Promise<SiteFeature[]>>()
  function sitesOf(chosen: readonly SiteKind[]): Promise<SiteFeature[]> {
    const key = [...chosen].sort().join(',')
    let known = sitesByKinds.get(key)
    if (!known) {
      known = fetchSites({ kind: [...chosen] }).then((c) => c.features)
      known.catch(() => sitesByKinds.delete(key))
      sitesByKinds.set(key, known)
    }
    return known
  }

  async function compute(): Promise<void> {
    const question = ++asked
    const stale = () => question !== asked || !active.value
    const chosen = kinds.value
    const metres = radius.value
    if (!chosen.length) {
      // Nothing to measure from: what was shown no longer answers the question.
      hits.value = []
      overlays.hide(proximityOverlays.buffers)
      overlays.hide(proximityOverlays.hits)
      failure.value = undefined
      return
    }
    running.value = true
    failure.value = undefined
    try {
      const sites = (await sitesOf(chosen)).map(slim)
      const buffers = siteBuffers(sites, metres)
      const hazards = await hazardsInBoxes(buffersBoxes(buffers), filters.query, stale)
      if (stale()) return
      const found = hazardsNear<HazardProps, SiteMark>(hazards, sites, metres)
      hits.value = found
      siteCount.value = sites.length
      answeredRadius.value = metres
      overlays.show(proximityOverlays.buffers, { kind: 'buffers', data: buffers })
      overlays.show(
        proximityOverlays.hits,
        { kind: 'hits', data: hitPoints(found, (h) => ({ id: h.hazard.properties.id, code: h.hazard.properties.code, metres: Math.round(h.metres), siteId: h.site.properties.id })) },
      )
    } catch (error) {
      if (!stale()) failure.value = t('proximity.failed', { message: error instanceof Error ? error.message : String(error) })
    } finally {
      if (question === asked) running.value = false
    }
  }

  function run(): Promise<void> {
    active.value = true
    return compute()
  }

  function clear(): void {
    asked++
    active.value = false
    running.value = false
    failure.value = undefined
    hits.value = []
    siteCount.value = 0
    overlays.hide(proximityOverlays.buffers)
    overlays.hide(proximityOverlays.hits)
  }

  function toggleKind(kind: SiteKind): void {
    kinds.value = kinds.value.includes(kind) ? kinds.value.filter((k) => k !== kind) : [...kinds.value, kind]
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  watch([() => filters.queryString, () => live.revision, kinds, radius], () => {
    if (!active.value) return
    clearTimeout(timer)
    timer = setTimeout(() => void compute(), RERUN_MS)
  })
  onBeforeUnmount(() => {
    clearTimeout(timer)
    clear()
  })

  const rows = computed(() => proximityRows(hits.value, { confidential: t('proximity.confidential'), unassessed: t('proximity.unassessed'), name: nameOf }))

  function exportCsv(): void {
    const header = (['code', 'hazardTitle', 'category', 'level', 'status', 'site', 'siteKind', 'distance'] as const).map((k) => t(`proximity.${k}`))
    const table: CsvValue[][] = rows.value.map((r) => [r.code, r.title, r.category, r.level, r.status, r.site, r.siteKind, r.metres])
    const date = new Date().toISOString().slice(0, 10)
    download(`${t('proximity.file', { radius: answeredRadius.value, date })}.csv`, buildCsv(header, table))
  }

  const option = (id: SiteKind) => ({ id, name: nameOf(siteKinds[id]) })
  /** The usual three first; every other kind of site on demand. */
  const kindOptions = computed(() => ({
    usual: defaultProximityKinds.map(option),
    more: siteKindIds.filter((id) => !defaultProximityKinds.includes(id)).map(option),
  }))

  return {
    kinds, radius, active, running, failure, rows, siteCount, answeredRadius, kindOptions,
    run, clear, toggleKind, exportCsv, openHazard: (id: number) => selection.openHazard(id),
  }
}
