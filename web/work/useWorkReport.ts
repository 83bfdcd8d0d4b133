import { computed, onMounted, reactive, ref, shallowRef, watch } from 'vue'
import { itemById } from '../../server/domain/categories'
import { reportHazard } from '../api/actions'
import { newId } from '../phone/outbox/uuid'
import type { LonLat } from '../api/areas'
import type { HazardView } from '../api/hazards'
import type { PhotoStage } from '../api/photos'
import { fetchSites, type SiteFeature } from '../api/sites'
import { nearestSites } from '../geo/nearest-sites'
import { useLiveStore } from '../stores/live'
import { useSelectionStore } from '../stores/selection'
import { useSessionStore } from '../stores/session'
import { useWorkStore } from '../stores/work'
import { useLocale } from '../composables/useLocale'
import type { Problems } from './actions'
import { type FieldReason, refusalOf } from './refusals'
import { draftPoint, emptyReport, formNow, reportCategories, reportField, reportRequest } from './report-draft'
import { uploadPhotos } from './useWorkStep'
import { useWorkText } from './useWorkText'

export interface ReportOutcome {
  hazard: HazardView
  /** what went wrong after the hazard was registered: photos (found or after) that could not be uploaded */
  warnings: string[]
}

/**
 * The report form: the draft, the nearest key sites to its point, and sending it — one request
 * registers the hazard (already rectified when ticked 当场整改, the rectification in the same
 * commit), then its found photos and its after-photos follow. Once the hazard exists, a photo that
 * fails is told, not undone: the record stands and the photo can be added from its card.
 */
export function useWorkReport() {
  const session = useSessionStore()
  const live = useLiveStore()
  const work = useWorkStore()
  const selection = useSelectionStore()
  const text = useWorkText()
  const { t } = useLocale()
  const role = session.user?.role ?? 'grid'
  const draft = reactive(emptyReport(role))
  const photos = ref<File[]>([])
  const spotPhotos = ref<File[]>([])
  const sites = shallowRef<SiteFeature[]>([])
  const busy = shallowRef(false)
  const problems = shallowRef<Problems>({})
  const reasons = shallowRef<Record<string, FieldReason>>({})
  const failure = shallowRef<string>()
  const outcome = shallowRef<ReportOutcome>()
  // The report's Idempotency-Key: the same while the draft is unchanged, so sending it again after a
  // lost answer (an instance died behind the balancer) registers it once; a new one once it is edited or sent.
  let key = newId()
  // 发现时间 starts at now, on the server's today once known; a time the reporter typed is kept.
  let filled = ''
  const fillNow = () => {
    if (draft.foundAt === filled) draft.foundAt = filled = formNow(work.today)
  }
  fillNow()
  watch(() => work.today, fillNow)

  onMounted(() => {
    void work.ensureLoaded()
    // Sites within the reader's reach; a failure only means no site is offered.
    fetchSites().then((found) => (sites.value = found.features), () => undefined)
  })

  // An edited field loses its complaint (and the form its summary); both coordinates are the one field `location`.
  watch(
    () => ({ ...draft }),
    (now, before) => {
      const edited: string[] = (Object.keys(now) as Array<keyof typeof now>).filter((k) => now[k] !== before[k]).map((k) => (k === 'lon' || k === 'lat' ? 'location' : k))
      if (edited.length) {
        failure.value = undefined
        key = newId()
      }
      if (!edited.some((k) => k in problems.value || k in reasons.value)) return
      problems.value = Object.fromEntries(Object.entries(problems.value).filter(([k]) => !edited.includes(k)))
      reasons.value = Object.fromEntries(Object.entries(reasons.value).filter(([k]) => !edited.includes(k)))
    },
  )

  const categories = computed(() => (session.actor ? reportCategories(session.actor) : []))
  const items = computed(() => categories.value.find((c) => c.id === draft.category)?.items ?? [])
  const point = computed(() => draftPoint(draft))
  const nearby = computed(() => (point.value ? nearestSites(sites.value, point.value) : []))

  function place(p: LonLat): void {
    draft.lon = String(p[0])
    draft.lat = String(p[1])
  }

  function chooseCategory(): void {
    if (draft.item && itemById.get(draft.item)?.category !== draft.category) draft.item = ''
  }

  function clear(): void {
    key = newId()
    Object.assign(draft, emptyReport(role))
    filled = ''
    fillNow()
    photos.value = []
    spotPhotos.value = []
    problems.value = {}
    reasons.value = {}
    failure.value = undefined
  }

  async function submit(): Promise<void> {
    // The 发现时间 filled in before the server's today was known is on the browser's day; a pinned
    // (demo) town would refuse it as in the future. Wait for today, then refill what was not typed.
    if (work.today === undefined && draft.foundAt === filled) {
      busy.value = true
      await work.ensureLoaded().catch(() => undefined)
      busy.value = false
      fillNow()
    }
    const built = reportRequest(draft, formNow(work.today), spotPhotos.value.length)
    problems.value = built.ok ? {} : built.problems
    reasons.value = {}
    failure.value = undefined
    outcome.value = undefined
    if (!built.ok) return
    busy.value = true
    try {
      // One request registers the hazard, already rectified when fixed on the spot; its photos follow.
      const hazard = await reportHazard(built.body, key)
      const warnings: string[] = []
      const upload = async (files: File[], stage: PhotoStage) => {
        const { sent, refused } = await uploadPhotos(hazard.id, files, stage)
        if (refused !== undefined) warnings.push(t('work.report.photoFailed', { n: files.length - sent.length, reason: text.refusal(refusalOf(refused)) }))
      }
      await upload(photos.value, 'found')
      // The after-photos are the rectification's evidence for whoever verifies it (four eyes).
      if (built.body.onTheSpot) await upload(spotPhotos.value, 'rectified')
      live.changed()
      clear()
      outcome.value = { hazard, warnings }
    } catch (error) {
      const refusal = refusalOf(error, reportField)
      if (refusal.kind === 'fields') reasons.value = refusal.fields
      failure.value = refusal.kind === 'fields' ? t('work.report.fix') : text.refusal(refusal)
    } finally {
      busy.value = false
    }
  }

  const fieldError = (field: string) => text.problem(problems.value[field]) ?? text.reason(reasons.value[field])

  return {
    draft, photos, spotPhotos, categories, items, point, nearby, busy, failure, outcome,
    place, chooseCategory, clear, submit, fieldError,
    openHazard: (id: number) => selection.openHazard(id),
    today: computed(() => work.today),
    /** the latest 发现时间 the form takes: now */
    nowField: () => formNow(work.today),
  }
}
