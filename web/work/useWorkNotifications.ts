import { computed, shallowRef } from 'vue'
import { useSelectionStore } from '../stores/selection'
import { useWorkStore } from '../stores/work'
import { useLocale } from '../composables/useLocale'

/** The unread notifications that come with the queue (escalations reach the lead unit's head here). */
export function useWorkNotifications() {
  const work = useWorkStore()
  const selection = useSelectionStore()
  const { t } = useLocale()
  const failure = shallowRef<string>()

  async function attempt(step: () => Promise<void>): Promise<void> {
    failure.value = undefined
    try {
      await step()
    } catch (error) {
      failure.value = t('work.notices.failed', { message: error instanceof Error ? error.message : String(error) })
    }
  }

  return {
    notifications: computed(() => work.queue?.notifications ?? []),
    unread: computed(() => work.queue?.unread ?? 0),
    failure,
    read: (id: number) => attempt(() => work.readNotification(id)),
    readAll: () => attempt(() => work.readAllNotifications()),
    /** Opening the hazard a notice is about also marks the notice read. */
    open: (id: number, hazardId: number) => {
      selection.openHazard(hazardId)
      void attempt(() => work.readNotification(id))
    },
  }
}
