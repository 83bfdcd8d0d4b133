import { areaLevelIds, areaLevels } from '../domain/areas'
import { categories, leadUnits } from '../domain/categories'
import type { Meta } from '../domain/contract/reference'
import { riskLevels } from '../domain/levels'
import { actionNames } from '../domain/lifecycle'
import { personKinds } from '../domain/persons'
import { roles } from '../domain/roles'
import { measures, siteKinds } from '../domain/sites'
import { sources } from '../domain/sources'
import { statuses } from '../domain/statuses'

const named = <K extends string>(table: Record<K, { zh: string; en: string }>) =>
  (Object.entries(table) as Array<[K, { zh: string; en: string }]>).map(([id, n]) => ({ id, name: n.zh, nameEn: n.en }))

/** The vocabulary (`/api/meta`), built once: names in Chinese with English beside them. */
export const meta: Meta = {
  categories: categories.map((c) => ({
    id: c.id, name: c.name.zh, nameEn: c.name.en, leadUnit: c.leadUnit, leadUnitName: leadUnits[c.leadUnit].zh,
    items: c.items.map((i) => ({ id: i.id, name: i.name.zh, nameEn: i.name.en, confidential: i.confidential })),
  })),
  statuses: named(statuses),
  levels: Object.entries(riskLevels).map(([id, l]) => ({ id: id as keyof typeof riskLevels, name: l.zh, nameEn: l.en, color: l.color })),
  sources: named(sources),
  siteKinds: named(siteKinds),
  roles: named(roles),
  areaLevels: areaLevelIds.map((id) => ({ id, name: areaLevels[id].zh, nameEn: areaLevels[id].en })),
  actions: named(actionNames),
  measures: named(measures),
  personKinds: named(personKinds),
}
