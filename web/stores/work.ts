import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { defaultDeadlineDays } from '../../server/domain/levels'
import { fetchWork, markAllNotificationsRead, markNotificationRead, type WorkQueue } from '../api/work'

/**
 * The caller's work queue and unread notifications, as the server last gave them. Refetched
 * whole (a queue is tens of items) whenever the live stream says something changed.
 */
export const useWorkStore = defineStore('work', () => {
  const queue = shallowRef<WorkQueue>()
  const failure = shallowRef<unknown>()
  const loading = shallowRef(false)
  let asked = 0
  let first: Promise<void> | undefined

  async function load(): Promise<void> {
    const turn = ++asked
    loading.value = true
    try {
      const answer = await fetchWork()
      // An older answer arriving late must not replace a newer one.
      if (turn !== asked) return
      queue.value = answer
      failure.value = undefined
    } catch (error) {
      if (turn === asked) failure.value = error
    } finally {
      if (turn === asked) loading.value = false
    }
  }

  /** The queue once: for forms that only need the server's today and default periods. */
  function ensureLoaded(): Promise<void> {
    // A failed first load is asked again by the next caller.
    first ??= load().then(() => {
      if (!queue.value) first = undefined
    })
    return first
  }

  async function readNotification(id: number): Promise<void> {
    await markNotificationRead(id)
    await load()
  }

  async function readAllNotifications(): Promise<void> {
    await markAllNotificationsRead()
    await load()
  }

  /** The server's today and its configured deadlines; the plan's defaults until the queue is in. */
  const today = computed(() => queue.value?.today)
  const deadlineDays = computed(() => queue.value?.deadlineDays ?? defaultDeadlineDays)

  /** Forgets what belonged to the previous user (logout, another account). */
  function reset(): void {
    asked++
    first = undefined
    queue.value = undefined
    failure.value = undefined
    loading.value = false
  }

  return { queue, failure, loading, today, deadlineDays, load, ensureLoaded, readNotification, readAllNotifications, reset }
})
