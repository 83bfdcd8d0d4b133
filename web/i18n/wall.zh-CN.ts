/** Messages of the wall view, in Chinese (the default). Merged into zh-CN.ts under 'wall'. */
export const wallZhCN = {
  title: '指挥大屏',
  heading: '平安一张图 · 指挥中心',
  subtitle: '排查安全隐患 防范四类风险',
  town: '全镇',
  asOf: '数据截至 {time}',
  connecting: '正在连接实时数据…',
  stale: '数据已过时 · 自 {time} 起未更新 · 正在重新连接',
  staleNever: '未能连接服务器 · 正在重新连接',
  tour: {
    town: '全镇总览',
    district: '管区轮播 {n}/{of}',
    beside: '{district} · 与全镇对照',
  },
  kpi: {
    label: '核心指标',
    found: '本次行动排查隐患',
    open: '未销号隐患',
    closeRate: '整改销号率',
    overdue: '逾期未整改',
    escalated: '上报疑难紧急',
    coverage: '本半月排查覆盖率',
    coverageNote: '{covered}/{total} 村',
    none: '–',
  },
  trend: {
    title: '半月趋势',
    reported: '新发现',
    closed: '已销号',
    open: '未销号存量',
  },
  categories: {
    title: '四类风险',
  },
  ranking: {
    title: '管区排名 · 未销号隐患',
  },
  ticker: {
    title: '实时动态',
    empty: '暂无新动态',
    found: '新发现',
    closed: '已销号',
    escalated: '上报',
    /** how many a line stands for */
    count: '{n} 处',
  },
  legend: {
    choropleth: '村庄风险四色（未销号隐患）',
    heat: '隐患热力',
    sites: '重点场所',
    range: '{from}–{to}',
    atLeast: '≥ {from}',
  },
  map: {
    title: '{town}态势图',
    retrying: '地图暂未载入，正在重试…',
  },
}

export type WallMessages = typeof wallZhCN
