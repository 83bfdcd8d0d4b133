import { onMounted, shallowRef } from 'vue'
import { fetchHealth } from '../api/health'

let todayAsked: Promise<string> | undefined

/**
 * The server's "today" (its AS_OF in demos and tests), asked once per page: forms default their
 * dates to it and the bulletin's months count back from it, so the page agrees with the ledger.
 */
export function useServerToday() {
  const today = shallowRef<string>()
  onMounted(() => {
    todayAsked ??= fetchHealth().then(
      (h) => h.today,
      (error: unknown) => {
        todayAsked = undefined
        throw error
      },
    )
    todayAsked.then((d) => (today.value = d)).catch(() => (today.value = new Date().toISOString().slice(0, 10)))
  })
  return today
}
