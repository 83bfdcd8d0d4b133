import type { Bilingual } from './names'

/** The plan's four risk categories (四类风险). */
export const categoryIds = ['violent_terror', 'mass_incident', 'individual_extreme', 'safety_accident'] as const
export type CategoryId = (typeof categoryIds)[number]

/** The town units that lead one category each (牵头单位). */
export const leadUnitIds = ['police', 'masswork', 'governance', 'safety'] as const
export type LeadUnitId = (typeof leadUnitIds)[number]

export interface FocusItem {
  id: string
  name: Bilingual
  /** Details and exact positions are seen only by cleared roles. */
  confidential: boolean
}

export interface Category {
  id: CategoryId
  name: Bilingual
  leadUnit: LeadUnitId
  responsible: Bilingual
  items: readonly FocusItem[]
}

const item = (id: string, zh: string, en: string, confidential: boolean): FocusItem => ({
  id,
  name: { zh, en },
  confidential,
})

export const leadUnits: Record<LeadUnitId, Bilingual> = {
  police: { zh: '派出所', en: 'Police station' },
  masswork: { zh: '群工办', en: 'Mass-work office' },
  governance: { zh: '综治办', en: 'Comprehensive-governance office' },
  safety: { zh: '安监办', en: 'Safety-supervision office' },
}

const unitsVillages: Bilingual = { zh: '各管区、单位、村庄', en: 'Districts, units and villages' }

export const categories: readonly Category[] = [
  {
    id: 'violent_terror',
    name: { zh: '暴力恐怖事件', en: 'Violent terror' },
    leadUnit: 'police',
    responsible: unitsVillages,
    items: [
      item('key_persons', '重点人员', 'Key persons (terror watch, migrant workers, floating population)', true),
      item('key_places', '重点场所', 'Key places (rentals, hotels, internet cafés, gas stations, chemical shops, logistics)', true),
      item('key_items', '重点物品', 'Key items (explosives, firearms, controlled knives)', true),
      item('key_parts', '重点部位', 'Key parts (vital targets, campuses, hospitals, squares, stations)', true),
    ],
  },
  {
    id: 'mass_incident',
    name: { zh: '群体性事件', en: 'Mass incident' },
    leadUnit: 'masswork',
    responsible: { zh: '各管区、村庄', en: 'Districts and villages' },
    items: [
      item('interest_groups', '特定利益群体历史遗留问题', 'Legacy issues of special-interest groups', false),
      item('land_disputes', '征地拆迁房地产纠纷', 'Land acquisition, demolition and real-estate disputes', false),
      item('labour_disputes', '劳资关系问题', 'Restructuring, wage arrears and labour disputes', false),
      item('pollution_disputes', '环境污染矛盾纠纷', 'Environmental-pollution disputes', false),
      item('operator_losses', '经营者利益受损', 'Drivers, merchants and vendors harmed', false),
      item('fraud_victims', '涉众型经济案件受损群体', 'Victims of fund-raising, pyramid and telecom fraud', false),
      item('cadre_conflicts', '干群矛盾', 'Cadre–public conflicts, improper enforcement', false),
      item('doctor_education_disputes', '医患、教育纠纷', 'Doctor–patient and education disputes', false),
      item('online_hype', '网络热点炒作', 'Online hot-topic hype', false),
      item('ethnic_religious', '民族宗教问题', 'Ethnic and religious issues', false),
      item('cult_hostile', '邪教聚集和敌对势力渗透', 'Cult gatherings, hostile forces and foreign NGOs', true),
    ],
  },
  {
    id: 'individual_extreme',
    name: { zh: '个人极端事件', en: 'Individual extreme event' },
    leadUnit: 'governance',
    responsible: unitsVillages,
    items: [
      item('petitioners', '长期上访、缠访闹访人员', 'Long-unresolved and repeated petitioners', true),
      item('crisis_persons', '遭受挫折陷入困境人员', 'Persons in crisis after setbacks', true),
      item('official_grievance', '对干部不作为乱作为严重不满人员', 'Gravely dissatisfied with officials', true),
      item('cult_corrections', '顽固邪教人员、社区矫正人员', 'Obstinate cult members, community corrections', true),
      item('mental_drug', '易肇事肇祸精神障碍患者、吸毒人员', 'Severe mental disorders and drug users', true),
      item('violent_debt', '恶意欠薪、暴力讨债', 'Malicious wage arrears, violent debt collection', true),
    ],
  },
  {
    id: 'safety_accident',
    name: { zh: '安全事故', en: 'Safety accident' },
    leadUnit: 'safety',
    responsible: unitsVillages,
    items: [
      item('production', '生产安全', 'Production safety (oil, chemicals, mining, gas)', false),
      item('fire', '消防安全', 'Fire safety', false),
      item('road_traffic', '道路交通安全', 'Road traffic', false),
      item('food_drug', '食品药品安全', 'Food and drugs', false),
      item('public_health', '公共卫生安全', 'Public health', false),
      item('large_events', '大型活动安全', 'Large events', false),
      item('natural_disasters', '自然灾害', 'Natural disasters (mountains, reservoirs, rivers)', false),
    ],
  },
]

export const categoryById = Object.fromEntries(categories.map((c) => [c.id, c])) as Record<CategoryId, Category>

/** Item ids are unique across categories, so an item alone names its category. */
export const itemById: ReadonlyMap<string, FocusItem & { category: CategoryId }> = new Map(
  categories.flatMap((c) => c.items.map((i) => [i.id, { ...i, category: c.id }] as const)),
)

export const itemIds = [...itemById.keys()]

export function categoryOfLeadUnit(unit: LeadUnitId): CategoryId {
  const found = categories.find((c) => c.leadUnit === unit)
  if (!found) throw new Error(`no category led by ${unit}`)
  return found.id
}

export function isItemOf(category: CategoryId, itemId: string): boolean {
  return itemById.get(itemId)?.category === category
}

/** The plan: 暴恐, 个人极端 and 群体性 item 11 are kept confidential (注意保密). */
export function isConfidential(itemId: string): boolean {
  return itemById.get(itemId)?.confidential ?? false
}
