import { computed, onMounted, shallowRef, watch } from 'vue'
import { taskIds, tasks, type Task } from '../../server/domain/tasks'
import type { WorkItem } from '../api/work'
import { useLiveStore } from '../stores/live'
import { useSelectionStore } from '../stores/selection'
import { useSessionStore } from '../stores/session'
import { useWorkStore } from '../stores/work'
import { useLocale } from '../composables/useLocale'

/** A deadline this close reads as a warning. */
export const SOON_DAYS = 3

export type Countdown =
  | { kind: 'none' }
  | { kind: 'overdue'; days: number }
  | { kind: 'today' }
  | { kind: 'soon' | 'later'; days: number }

/** How a running deadline reads: overdue by n days, due today, due soon, or later; none when no deadline runs. */
export function countdown(daysLeft: number | null): Countdown {
  if (daysLeft === null) return { kind: 'none' }
  if (daysLeft < 0) return { kind: 'overdue', days: -daysLeft }
  if (daysLeft === 0) return { kind: 'today' }
  return { kind: daysLeft <= SOON_DAYS ? 'soon' : 'later', days: daysLeft }
}

type Sortable = Pick<WorkItem, 'id' | 'daysLeft' | 'discoveredAt'>

/**
 * The queue's order, as the server gives it: hazards whose deadline runs first, the most overdue
 * at the top and then the nearest deadline; then the rest, longest waiting first.
 */
export function orderQueue<T extends Sortable>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.daysLeft !== null && b.daysLeft !== null) return a.daysLeft - b.daysLeft || a.id - b.id
    if (a.daysLeft !== null) return -1
    if (b.daysLeft !== null) return 1
    return a.discoveredAt.localeCompare(b.discoveredAt) || a.id - b.id
  })
}

/** The tasks present in a queue, in the plan's order, with how many wait in each. */
export function taskTabs(counts: Partial<Record<Task, number>>): Array<{ task: Task; count: number }> {
  return taskIds.filter((task) => (counts[task] ?? 0) > 0).map((task) => ({ task, count: counts[task]! }))
}

/**
 * My work: the queue filtered by task, kept current by the live stream; choosing a row opens its
 * hazard card, where the forms are.
 */
export function useWorkQueue() {
  const work = useWorkStore()
  const live = useLiveStore()
  const selection = useSelectionStore()
  const session = useSessionStore()
  const { nameOf } = useLocale()
  const task = shallowRef<Task>()

  onMounted(() => void work.load())
  watch(() => live.revision, () => void work.load())
  watch(() => session.user?.username, (now, before) => {
    if (now === before) return
    work.reset()
    if (now) void work.load()
  })

  const tabs = computed(() => taskTabs(work.queue?.counts ?? {}).map((t) => ({ ...t, name: nameOf(tasks[t.task]) })))
  const items = computed(() => orderQueue((work.queue?.items ?? []).filter((i) => !task.value || i.task === task.value)))
  // A task emptied by the last change leaves nothing to show under it: back to everything.
  watch(tabs, (now) => {
    if (task.value && !now.some((t) => t.task === task.value)) task.value = undefined
  })

  return {
    task,
    tabs,
    items,
    total: computed(() => work.queue?.total ?? 0),
    overdue: computed(() => work.queue?.overdue ?? 0),
    loaded: computed(() => work.queue !== undefined),
    failure: computed(() => work.failure),
    selected: computed(() => selection.hazardId),
    open: (id: number) => selection.openHazard(id),
  }
}
