import type { SiteKind } from '../../domain/sites'

/** Where a site is, for naming it: its village's place name and its township's. */
export interface NameContext {
  place: string
  /** 旧店镇 for a town; 东阁 for a 街道, whose schools are not called 东阁街道中学 */
  town: string
  seat: boolean
}

/** Ways a site of each kind is commonly named, most usual first. */
export function nameOptions(kind: SiteKind, c: NameContext): string[] {
  const p = c.place
  switch (kind) {
    case 'gas_station':
      return [`中国石化${p}加油站`, `中国石油${p}加油站`, `${p}加油站`]
    case 'chemical_shop':
      return [`${p}农资化工商店`, `${p}化工建材商店`, `${p}农药化肥店`]
    case 'hardware_workshop':
      return [`${p}五金加工厂`, `${p}机械配件厂`, `${p}金属制品厂`]
    case 'scrap_yard':
      return [`${p}废品收购站`, `${p}再生资源回收点`]
    case 'logistics_firm':
      return [`${p}邮政快递服务站`, `${p}中通快递网点`, `${p}圆通快递网点`, `${p}顺丰速运网点`, `${p}韵达快递网点`]
    case 'hotel':
      return [`${p}宾馆`, `${p}快捷酒店`, `${p}旅馆`]
    case 'internet_cafe':
      return [`${p}网吧`, `${p}网咖`]
    case 'religious_venue':
      return [`${p}基督教堂`, `${p}天主教堂`, `${p}关帝庙`, `${p}土地庙`]
    case 'rental_cluster':
      return [`${p}出租房屋聚集区`]
    case 'market':
      return c.seat ? [`${p}集贸市场`, `${p}农贸市场`] : [`${p}大集`, `${p}集贸市场`]
    case 'school':
      return c.seat ? [`${c.town}中学`, `${c.town}中心小学`] : [`${p}小学`]
    case 'kindergarten':
      return c.seat ? [`${c.town}中心幼儿园`, `${p}幼儿园`] : [`${p}幼儿园`]
    case 'hospital':
      return c.seat ? [`${c.town}卫生院`, `${p}卫生室`] : [`${p}卫生室`]
    case 'square':
      return [`${p}文化广场`]
    case 'station':
      return [`${p}汽车站`]
    case 'hazardous_enterprise':
      return [`${p}液化气站`, `${p}化工有限公司`, `${p}烟花爆竹仓库`]
    case 'reservoir':
      return [`${p}水库`]
    case 'river_section':
      return [`${p}河段`]
    case 'mountain_slope':
      return [`${p}后山边坡`, `${p}山体边坡`]
    case 'high_rise':
      return [`${p}商住楼`, `${p}大厦`]
    case 'large_complex':
      return [`${p}商贸城`, `${p}购物中心`]
    case 'canteen':
      return [`${p}小学食堂`]
  }
}

const numerals = ['', '', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** The n-th site of the same name: 旧店网吧 → 旧店第二网吧. */
export function ordinalName(name: string, place: string, n: number): string {
  const ordinal = `第${numerals[n] ?? String(n)}`
  const at = name.indexOf(place)
  return at < 0 ? `${name}${ordinal}` : `${name.slice(0, at + place.length)}${ordinal}${name.slice(at + place.length)}`
}
