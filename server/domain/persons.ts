import type { Bilingual } from './names'

/** Kinds of key persons (重点人员); their files are confidential. */
export const personKinds = {
  petitioner: { zh: '重点信访人员', en: 'Petitioner', item: 'petitioners' },
  mental_disorder: { zh: '严重精神障碍患者', en: 'Severe mental disorder', item: 'mental_drug' },
  drug_user: { zh: '吸毒人员', en: 'Drug user', item: 'mental_drug' },
  community_corrections: { zh: '社区矫正人员', en: 'Community corrections', item: 'cult_corrections' },
  cult_member: { zh: '邪教人员', en: 'Cult member', item: 'cult_corrections' },
  terror_watch: { zh: '涉恐重点关注人员', en: 'Terror watch', item: 'key_persons' },
  floating_population: { zh: '流动人口', en: 'Floating population', item: 'key_persons' },
} as const satisfies Record<string, Bilingual & { item: string }>

export type PersonKind = keyof typeof personKinds
export const personKindIds = Object.keys(personKinds) as PersonKind[]

export const controlLevelIds = ['strict', 'attention', 'routine'] as const
export type ControlLevel = (typeof controlLevelIds)[number]
export const controlLevels: Record<ControlLevel, Bilingual> = {
  strict: { zh: '重点管控', en: 'Strict control' },
  attention: { zh: '关注', en: 'Attention' },
  routine: { zh: '一般', en: 'Routine' },
}

/** 张三 → 张*; keeps the family name, as the plan's files are shown. */
export function maskName(name: string): string {
  return name.length <= 1 ? '*' : `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}`
}

/** 370283199001011234 → 370283********1234. */
export function maskIdNumber(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`
}
