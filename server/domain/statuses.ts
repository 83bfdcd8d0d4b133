import type { Bilingual } from './names'

/** A hazard's place in the ledger (台账), in lifecycle order. */
export const statusIds = ['reported', 'assessed', 'assigned', 'rectifying', 'rectified', 'closed'] as const
export type Status = (typeof statusIds)[number]

export const statuses: Record<Status, Bilingual> = {
  reported: { zh: '已登记', en: 'Reported' },
  assessed: { zh: '已研判', en: 'Assessed' },
  assigned: { zh: '已交办', en: 'Assigned' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  rectified: { zh: '已整改', en: 'Rectified' },
  closed: { zh: '已销号', en: 'Closed out' },
}

/** Open means still on the list: everything not struck off. */
export const openStatuses: readonly Status[] = statusIds.filter((s) => s !== 'closed')

/** Overdue applies while the rectification is not yet reported done. */
export const overdueStatuses: readonly Status[] = ['assigned', 'rectifying']

export function isOverdue(status: Status, deadline: string | null | undefined, today: string): boolean {
  return !!deadline && overdueStatuses.includes(status) && deadline < today
}
