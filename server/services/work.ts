import { isConfidential } from '../domain/categories'
import type { WorkItem, WorkQueue } from '../domain/contract/work'
import { availableSteps } from '../domain/lifecycle'
import type { Actor } from '../domain/roles'
import { openStatuses, overdueStatuses } from '../domain/statuses'
import { type Task, taskIds } from '../domain/tasks'
import type { Services } from './context'
import { hazardViewer } from './hazard-view'
import { audit } from './audit'
import { closeOutFor } from './close-out'
import { deadlineDays } from './hazards'
import type { HazardFilter } from './ledger'
import { statusCode } from './ledger/codes'
import { toDay } from '../domain/days'
import { listNotifications } from './notifications'
import { reachOf } from './reach'

/**
 * What waits for each role (the plan's 归口办理): the grid worker rectifies what is assigned in
 * its village and may fix a new report on the spot; a district officer (in its district) and a lead
 * unit (in its category) assess, assign and verify, and chase what is overdue; the leadership group
 * oversees escalated and overdue hazards. Others have no queue, only their notifications.
 */
const queues: Partial<Record<Actor['role'], Array<{ task: Task; filter: HazardFilter }>>> = {
  grid: [
    { task: 'rectify', filter: { status: ['assigned', 'rectifying'] } },
    { task: 'on_the_spot', filter: { status: ['reported'] } },
  ],
  district: handlerQueue(),
  lead_unit: handlerQueue(),
  leader: [
    { task: 'chase', filter: { overdue: true } },
    { task: 'oversee', filter: { escalated: true, status: [...openStatuses] } },
  ],
}

function handlerQueue() {
  return [
    { task: 'assess' as const, filter: { status: ['reported' as const] } },
    { task: 'assign' as const, filter: { status: ['assessed' as const] } },
    { task: 'verify' as const, filter: { status: ['rectified' as const] } },
    { task: 'chase' as const, filter: { overdue: true } },
  ]
}

export function workQueue(s: Services, actor: Actor & { username: string }, limit: number): WorkQueue {
  const today = s.today()
  const t = toDay(today)
  const c = s.ledger.columns
  const reach = reachOf(actor)
  // Each hazard once, under the first task that holds it.
  const taskOf = new Map<number, Task>()
  for (const q of queues[actor.role] ?? []) for (const i of s.ledger.select(q.filter, reach, today)) if (!taskOf.has(i)) taskOf.set(i, q.task)
  const running = new Set(overdueStatuses.map((st) => statusCode.get(st)!))
  const daysLeftOf = (i: number) => (running.has(c.status[i]!) && c.deadline[i]! > 0 ? c.deadline[i]! - t : null)
  // Overdue first (most overdue first), then by deadline, then the longest waiting.
  const order = [...taskOf.keys()].sort((a, b) => {
    const da = daysLeftOf(a)
    const db = daysLeftOf(b)
    if (da !== null && db !== null) return da - db || c.id[a]! - c.id[b]!
    if (da !== null) return -1
    if (db !== null) return 1
    return c.discovered[a]! - c.discovered[b]! || c.id[a]! - c.id[b]!
  })
  const counts = Object.fromEntries(taskIds.map((task) => [task, 0])) as Record<Task, number>
  let overdue = 0
  for (const [i, task] of taskOf) {
    counts[task]++
    if ((daysLeftOf(i) ?? 0) < 0) overdue++
  }
  const page = order.slice(0, limit)
  const rows = s.store.hazards.getMany(page.map((i) => c.id[i]!))
  const view = hazardViewer(s, actor)
  // The queue's small 督 mark: the open listings are few (one per listed hazard).
  const listed = new Set(s.store.supervision.list({ state: 'open' }).map((r) => r.hazardId))
  const items: WorkItem[] = rows.map((h, k) => {
    const i = page[k]!
    return {
      ...view(h),
      task: taskOf.get(i)!,
      daysLeft: daysLeftOf(i),
      // A rectified hazard's verifications depend on who did what (four eyes): read its events for those only.
      nextSteps: availableSteps(h.status, actor.role, h.status === 'rectified' ? closeOutFor(s, actor.username, h, s.store.hazards.events(h.id)) : undefined),
      ...(listed.has(h.id) ? { listed: true } : {}),
    }
  })
  const secret = items.filter((v) => !v.generalised && isConfidential(v.item))
  if (secret.length)
    audit(s, actor, 'work_queue', secret.map((v) => v.id).join(','))
  // today and the configured default periods let the forms count down and propose deadlines as the server will.
  return {
    items, total: taskOf.size, counts, overdue, today, deadlineDays: deadlineDays(s.env),
    ...listNotifications(s, actor.username, { unreadOnly: true, limit: 20 }),
  }
}
