import { computed, shallowRef, watch } from 'vue'
import { CallError } from '../api/client'
import { type PersonView, fetchPersons, revealPerson } from '../api/persons'
import { messageOf } from './errors'
import { REVEAL_LIMIT, revealReasonOk, shownRecords } from './persons'
import { useSessionStore } from '../stores/session'

/**
 * The key-person register. Nothing is asked of the server unless the role is cleared: for anyone
 * else the page never holds, or even requests, a record.
 */
export function usePersons() {
  const session = useSessionStore()
  const area = shallowRef('')
  const masked = shallowRef<PersonView[]>([])
  const revealed = shallowRef<ReadonlyMap<number, PersonView>>(new Map())
  const failure = shallowRef<string>()
  const loading = shallowRef(false)

  async function load(): Promise<void> {
    if (!session.canReadPersons) return
    loading.value = true
    failure.value = undefined
    try {
      masked.value = await fetchPersons(area.value || undefined)
    } catch (error) {
      failure.value = messageOf(error)
    } finally {
      loading.value = false
    }
  }
  watch([area, () => session.canReadPersons], () => void load(), { immediate: true })

  /** Unmasks one record with the stated reason; the server writes it to the audit log. REVEAL_LIMIT when the day's cap is reached. */
  async function reveal(id: number, reason: string): Promise<string | undefined> {
    if (!session.canReadPersons || !revealReasonOk(reason)) return undefined
    try {
      const person = await revealPerson(id, reason.trim())
      revealed.value = new Map(revealed.value).set(id, person)
      return undefined
    } catch (error) {
      return error instanceof CallError && error.status === 429 ? REVEAL_LIMIT : messageOf(error)
    }
  }

  function remask(id: number): void {
    const next = new Map(revealed.value)
    next.delete(id)
    revealed.value = next
  }

  const persons = computed(() => shownRecords(masked.value, revealed.value))
  return { area, persons, failure, loading, load, reveal, remask }
}
