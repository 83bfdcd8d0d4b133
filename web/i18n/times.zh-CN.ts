/** Messages of a hazard's three times (发现 / 登记 / 接收) and its 迟报 / 瞒报 badge; in Chinese. */
export const timesZhCN = {
  found: '发现时间',
  reported: '登记时间',
  received: '接收时间',
  late: '迟报',
  concealed: '瞒报',
  lateTitle: '发现 {hours} 小时后才登记，超过 {limit} 小时上报时限',
  concealedTitle: '发现 {days} 天后才登记，超过 {limit} 天视为瞒报',
  queued: '离线暂存，{hours} 小时后送达',
  foundAt: '发现时间',
  foundHint: '默认为现在；离线补报时填写实际发现的时间。',
}
