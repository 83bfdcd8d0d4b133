import { type ControlLevel, type PersonKind, personKindIds } from '../../domain/persons'
import type { Person } from '../../domain/schemas'
import { fromDay } from '../../domain/days'
import type { AreaFeature } from '../geography'
import { idNumber, mobile, personName } from '../names'
import type { Random } from '../random'

const kindWeights: Record<PersonKind, number> = {
  petitioner: 25, mental_disorder: 20, drug_user: 10, community_corrections: 15, cult_member: 5, terror_watch: 3, floating_population: 22,
}
const controlFor: Record<ControlLevel, number> = { strict: 20, attention: 45, routine: 35 }
const measuresFor: Record<PersonKind, string> = {
  petitioner: '包保干部每周走访，及时掌握诉求动态',
  mental_disorder: '落实监护人责任，按时服药随访',
  drug_user: '社区戒毒康复，定期尿检',
  community_corrections: '按时报到，定期思想汇报',
  cult_member: '帮教转化，定期谈心',
  terror_watch: '派出所动态管控，行踪掌握',
  floating_population: '登记居住信息，房东落实报告责任',
}

/** Synthetic key persons (about six per village): confidential files for the cleared roles. */
export function planPersons(villages: readonly AreaFeature[], random: Random): Person[] {
  const out: Person[] = []
  for (const v of villages) {
    const n = Math.max(2, Math.round(((v.population ?? 1500) / 2000) * 6 * (0.6 + random.next() * 0.8)))
    for (let i = 0; i < n; i++) {
      const kind = random.weighted(personKindIds, personKindIds.map((k) => kindWeights[k]))
      const birth = fromDay(random.int(-7300, 12000))
      const controlLevel = random.weighted(Object.keys(controlFor) as ControlLevel[], Object.values(controlFor))
      out.push({
        id: out.length + 1, kind, villageId: v.id, name: personName(random), idNumber: idNumber(random, birth),
        phone: mobile(random), controlLevel, measures: measuresFor[kind],
      })
    }
  }
  return out
}
