import type { Bilingual } from './names'

/** Kinds of key sites (重点场所/部位). */
export const siteKinds = {
  gas_station: { zh: '加油站', en: 'Gas station' },
  chemical_shop: { zh: '化工商店', en: 'Chemical shop' },
  hardware_workshop: { zh: '五金加工厂', en: 'Hardware workshop' },
  scrap_yard: { zh: '废品收购点', en: 'Scrap yard' },
  logistics_firm: { zh: '寄递物流企业', en: 'Logistics firm' },
  hotel: { zh: '旅馆', en: 'Hotel' },
  internet_cafe: { zh: '网吧', en: 'Internet café' },
  religious_venue: { zh: '宗教场所', en: 'Religious venue' },
  rental_cluster: { zh: '出租房屋聚集区', en: 'Rental cluster' },
  market: { zh: '集贸市场', en: 'Market' },
  school: { zh: '学校', en: 'School' },
  kindergarten: { zh: '幼儿园', en: 'Kindergarten' },
  hospital: { zh: '医院/卫生院', en: 'Hospital or clinic' },
  square: { zh: '广场', en: 'Square' },
  station: { zh: '车站', en: 'Railway or bus station' },
  hazardous_enterprise: { zh: '危化企业', en: 'Hazardous enterprise' },
  reservoir: { zh: '水库', en: 'Reservoir' },
  river_section: { zh: '河道', en: 'River section' },
  mountain_slope: { zh: '山体边坡', en: 'Mountain slope' },
  high_rise: { zh: '高层建筑', en: 'High-rise' },
  large_complex: { zh: '大型综合体', en: 'Large complex' },
  canteen: { zh: '学校食堂', en: 'Canteen' },
} as const satisfies Record<string, Bilingual>

export type SiteKind = keyof typeof siteKinds
export const siteKindIds = Object.keys(siteKinds) as SiteKind[]

/** The four kinds of protection (人防、物防、技防、心防). */
export const measureIds = ['people', 'physical', 'technical', 'psychological'] as const
export type MeasureId = (typeof measureIds)[number]
export const measures: Record<MeasureId, Bilingual> = {
  people: { zh: '人防', en: 'People' },
  physical: { zh: '物防', en: 'Physical' },
  technical: { zh: '技防', en: 'Technical' },
  psychological: { zh: '心防', en: 'Psychological' },
}
