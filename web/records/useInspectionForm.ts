import { computed, ref, shallowRef, watch } from 'vue'
import { type Inspection, fetchCoverage, fetchInspections, recordInspection } from '../api/inspections'
import type { InspectionSource } from '../../server/domain/sources'
import type { Coverage, TrendBucket } from '../../server/domain/stats'
import { messageOf } from './errors'
import { type InspectionDraft, inspectionBody, inspectionDraft, inspectionProblems } from './inspection-form'
import { useSessionStore } from '../stores/session'

const RECENT = 20

/** The inspection form: a draft, its problems once a send was tried, and the send itself. */
export function useInspectionForm(today: () => string | undefined, onRecorded: (i: Inspection) => void) {
  const session = useSessionStore()
  const draft = ref<InspectionDraft | null>(null)
  const tried = shallowRef(false)
  const sending = shallowRef(false)
  const failure = shallowRef<string>()
  const saved = shallowRef<Inspection>()

  watch(
    () => [today(), session.actor] as const,
    ([day, actor]) => {
      if (day && actor && !draft.value) draft.value = inspectionDraft(actor, day)
    },
    { immediate: true },
  )

  const problems = computed(() => (draft.value && today() ? inspectionProblems(draft.value, today()!) : {}))

  async function send(): Promise<void> {
    tried.value = true
    failure.value = undefined
    if (!draft.value || Object.keys(problems.value).length) return
    sending.value = true
    try {
      const inspection = await recordInspection(inspectionBody(draft.value))
      saved.value = inspection
      tried.value = false
      draft.value = { ...draft.value, inspectors: draft.value.inspectors, checked: '', findings: '', hazardsFound: 0 }
      onRecorded(inspection)
    } catch (error) {
      failure.value = messageOf(error)
    } finally {
      sending.value = false
    }
  }

  return { draft, problems: computed(() => (tried.value ? problems.value : {})), sending, failure, saved, send }
}

/** Coverage for a cycle (half-month, week, month) holding a date, counting some kinds of inspection. */
export function useCoverage(today: () => string | undefined) {
  const bucket = shallowRef<TrendBucket>('half-month')
  const date = shallowRef<string>('')
  const sources = ref<InspectionSource[]>(['concentrated'])
  const coverage = shallowRef<Coverage>()
  const failure = shallowRef<string>()
  let asked = 0

  async function load(): Promise<void> {
    const day = date.value || today()
    if (!day) return
    const mine = ++asked
    failure.value = undefined
    try {
      const answer = await fetchCoverage(day, bucket.value, sources.value)
      if (mine === asked) coverage.value = answer
    } catch (error) {
      if (mine === asked) failure.value = messageOf(error)
    }
  }

  watch([bucket, date, sources, today], () => void load(), { deep: true, immediate: true })
  return { bucket, date, sources, coverage, failure, load }
}

/** The latest inspections in the caller's reach. */
export function useRecentInspections() {
  const inspections = shallowRef<Inspection[]>([])
  const failure = shallowRef<string>()
  async function load(): Promise<void> {
    try {
      inspections.value = await fetchInspections({ limit: RECENT })
      failure.value = undefined
    } catch (error) {
      failure.value = messageOf(error)
    }
  }
  void load()
  return { inspections, failure, load }
}
