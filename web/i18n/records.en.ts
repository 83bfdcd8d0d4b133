import type { RecordsMessages } from './records.zh-CN'

/** Messages of the workbench's record panels, in English. */
export const recordsEn: RecordsMessages = {
  title: 'Records and reports',
}
