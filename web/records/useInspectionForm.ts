import { computed, ref, shallowRef, watch } from 'vue'
import { type InspectionView, recordInspection } from '../api/inspections'
import { messageOf } from './errors'
import { type InspectionDraft, inspectionBody, inspectionDraft, inspectionProblems } from './inspection-form'
import { useSessionStore } from '../stores/session'

/** The inspection form: a draft, its problems once a send was tried, and the send itself. */
export function useInspectionForm(today: () => string | undefined, onRecorded: (i: InspectionView) => void) {
  const session = useSessionStore()
  const draft = ref<InspectionDraft | null>(null)
  const tried = shallowRef(false)
  const sending = shallowRef(false)
  const failure = shallowRef<string>()
  const saved = shallowRef<InspectionView>()

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
