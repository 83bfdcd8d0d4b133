/**
 * Where the 18 townships of 平度市 lie. Township boundaries are not public, so the county outline is
 * split by a Voronoi diagram of these points; they approximate each seat's real position, nudged so
 * that the cells get plausible sizes (the five 街道 share the city around 119.96, 36.78).
 */
export interface TownshipSetting {
  code: string
  seat: [number, number]
  /** where its hills are, as a compass bearing from the township's centre; absent: a plain */
  hills?: { bearing: number; river: string; flowBearing: number }
  /** a trunk road from the county seat through the township seat, onward out of the county */
  onward?: { toward: [number, number]; name: string }
}

/** 东阁街道 holds the city government. */
export const countySeat: [number, number] = [119.965, 36.782]

export const townshipSettings: readonly TownshipSetting[] = [
  { code: '370283001', seat: [119.975, 36.79] }, // 东阁街道
  { code: '370283002', seat: [119.895, 36.775] }, // 李园街道
  { code: '370283003', seat: [120.03, 36.75] }, // 同和街道
  { code: '370283004', seat: [119.93, 36.835] }, // 凤台街道
  { code: '370283005', seat: [119.93, 36.71] }, // 白沙河街道
  { code: '370283400', seat: [120.03, 36.83] }, // 平度经济开发区
  {
    code: '370283122', // 旧店镇
    seat: [120.2, 36.955],
    hills: { bearing: 30, river: '小沽河', flowBearing: 190 },
    onward: { toward: [120.52, 36.88], name: '平度—莱西公路' },
  },
  {
    code: '370283120', // 大泽山镇
    seat: [119.99, 36.97],
    hills: { bearing: 0, river: '落药河', flowBearing: 200 },
    onward: { toward: [119.95, 37.25], name: '平度—莱州公路' },
  },
  {
    code: '370283119', // 店子镇
    seat: [119.83, 36.93],
    hills: { bearing: 45, river: '双山河', flowBearing: 250 },
  },
  { code: '370283113', seat: [119.72, 36.86] }, // 田庄镇
  {
    code: '370283116', // 新河镇
    seat: [119.62, 36.91],
    onward: { toward: [119.45, 36.98], name: '平度—昌邑公路' },
  },
  { code: '370283110', seat: [119.7, 36.74] }, // 明村镇
  {
    code: '370283109', // 崔家集镇
    seat: [119.72, 36.62],
    onward: { toward: [119.6, 36.45], name: '平度—高密公路' },
  },
  { code: '370283108', seat: [119.91, 36.6] }, // 蓼兰镇
  {
    code: '370283105', // 南村镇
    seat: [120.04, 36.54],
    onward: { toward: [120.05, 36.3], name: '平度—胶州公路' },
  },
  { code: '370283102', seat: [120.17, 36.62] }, // 仁兆镇
  { code: '370283101', seat: [120.15, 36.75] }, // 古岘镇
  {
    code: '370283124', // 云山镇
    seat: [120.17, 36.875],
    hills: { bearing: 80, river: '猪洞河', flowBearing: 150 },
  },
]

/** The demo town of the 'town' scope. */
export const demoTownCode = '370283122'
