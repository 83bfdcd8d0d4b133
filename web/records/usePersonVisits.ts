import { computed, ref, shallowRef } from 'vue'
import { type PersonVisit, fetchVisits, recordVisit } from '../api/persons'
import { messageOf } from './errors'

/** One key person's visit records and the form that adds one; asked for only when opened. */
export function usePersonVisits(personId: number, today: () => string | undefined) {
  const visits = shallowRef<PersonVisit[]>()
  const failure = shallowRef<string>()
  const sending = shallowRef(false)
  const draft = ref({ date: '', visitors: '', note: '' })

  async function load(): Promise<void> {
    try {
      visits.value = await fetchVisits(personId)
      failure.value = undefined
    } catch (error) {
      failure.value = messageOf(error)
    }
  }

  const ready = computed(() => !!(draft.value.visitors.trim() && draft.value.note.trim()))

  async function add(): Promise<void> {
    const date = draft.value.date || today()
    if (!ready.value || !date) return
    sending.value = true
    try {
      const visit = await recordVisit(personId, { date, visitors: draft.value.visitors.trim(), note: draft.value.note.trim() })
      visits.value = [visit, ...(visits.value ?? [])].sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id)
      draft.value = { date: '', visitors: draft.value.visitors, note: '' }
      failure.value = undefined
    } catch (error) {
      failure.value = messageOf(error)
    } finally {
      sending.value = false
    }
  }

  void load()
  return { visits, failure, sending, draft, ready, add }
}
