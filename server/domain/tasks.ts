import type { Bilingual } from './names'

/** Why a hazard is on someone's work queue (我的待办); see services/work.ts for who gets which. */
export const taskIds = ['assess', 'assign', 'rectify', 'on_the_spot', 'verify', 'chase', 'oversee'] as const
export type Task = (typeof taskIds)[number]

export const tasks: Record<Task, Bilingual> = {
  assess: { zh: '待研判', en: 'To assess' },
  assign: { zh: '待交办', en: 'To assign' },
  rectify: { zh: '待整改', en: 'To rectify' },
  on_the_spot: { zh: '新登记', en: 'Newly reported' },
  verify: { zh: '待验收', en: 'To verify' },
  chase: { zh: '超期督办', en: 'Overdue, to chase' },
  oversee: { zh: '疑难/紧急', en: 'Escalated' },
}
