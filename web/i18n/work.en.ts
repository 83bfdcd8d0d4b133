import type { WorkMessages } from './work.zh-CN'

/** Messages of the work view, in English. */
export const workEn: WorkMessages = {
  title: 'Ledger workbench',
}
