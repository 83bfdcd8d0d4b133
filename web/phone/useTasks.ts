import { computed, shallowRef } from 'vue'
import { type WorkItem, type WorkQueue, fetchWork } from '../api/work'
import { CallError } from '../api/client'
import { metresBetween } from './geo'
import { dayOffset, storeDayOffset, storedDayOffset } from './phone-clock'
import { useOutboxStore } from './outbox/useOutbox'
import { lastPosition } from './useGpsFix'

// One copy for the whole app: the task list, the map and the report form's clock read the same queue.
const work = shallowRef<WorkQueue>()
const offline = shallowRef(false)
const loading = shallowRef(false)
/** days from the phone's date to the server's (0 on a real deployment; a demo may pin its day) */
const offsetDays = shallowRef(storedDayOffset())

export interface TaskRow {
  item: WorkItem
  /** metres from the worker's last good fix, when both are known */
  distance?: number
}

/**
 * My tasks (GET /api/work), kept in the phone's cache for the days without signal: overdue first,
 * then as the server orders them (by deadline), each with its distance from where the worker is.
 */
export function useTasks() {
  const outbox = useOutboxStore()

  async function refresh(): Promise<void> {
    loading.value = true
    try {
      const fresh = await fetchWork()
      work.value = fresh
      offline.value = false
      offsetDays.value = dayOffset(fresh.today)
      storeDayOffset(offsetDays.value)
      await outbox.cacheWork(fresh)
    } catch (error) {
      if (error instanceof CallError && !error.noAnswer && error.status < 500 && error.status !== 401) throw error
      offline.value = true
      work.value = (await outbox.cachedWork()) ?? work.value
    } finally {
      loading.value = false
    }
  }

  const rows = computed<TaskRow[]>(() => {
    const here = lastPosition.value
    const items = [...(work.value?.items ?? [])].sort((a, b) => Number(b.overdue) - Number(a.overdue))
    // A generalised hazard's place is not its own (it is withheld): no distance is made up from it.
    return items.map((item) => ({ item, ...(here && !item.generalised && { distance: metresBetween([here.lon, here.lat], item.location) }) }))
  })

  return { work, rows, offline, loading, refresh, offsetDays }
}
