import type { timesZhCN } from './times.zh-CN'

/** Messages of a hazard's three times (found / reported / received) and its late / concealed badge; in English. */
export const timesEn: typeof timesZhCN = {
  found: 'Found',
  reported: 'Reported',
  received: 'Received',
  late: 'Late',
  concealed: 'Concealed',
  lateTitle: 'Reported {hours} h after it was found, beyond the {limit} h limit',
  concealedTitle: 'Reported {days} days after it was found: beyond {limit} days counts as concealed',
  queued: 'Held offline, arrived {hours} h later',
  foundAt: 'Found at',
  foundHint: 'Now by default; when reporting later, enter when it was actually found.',
}
