import { categoryById, itemById, leadUnits } from '../../domain/categories'
import { type Signal, ruleById } from '../../domain/warnings/model'
import type { Services } from '../context'

/**
 * A warning's reason in Chinese and English with its numbers. Until the detectors' own explanation
 * (domain/warnings/explain.ts) is wired in, the rule it was issued under with the counts that made it.
 */
export function reasonOf(s: Services, sig: Signal): { zh: string; en: string } {
  const area = areaName(s, sig)
  const what = sig.item ? itemById.get(sig.item)?.name : sig.category ? categoryById[sig.category].name : undefined
  const rule = ruleById.get(sig.ruleId)
  const expected = sig.expected === null ? '' : `，预期 ${fmt(sig.expected)} 起`
  const expectedEn = sig.expected === null ? '' : `, ${fmt(sig.expected)} expected`
  const p = sig.stats.p === undefined ? '' : `（p≈${sig.stats.p.toExponential(1)}）`
  const pEn = sig.stats.p === undefined ? '' : ` (p≈${sig.stats.p.toExponential(1)})`
  return {
    zh: `${area} ${what?.zh ?? '各类'}隐患 ${sig.window.from}至${sig.window.to} ${sig.observed} 起${expected}${p}：${rule?.zh ?? sig.ruleId}`,
    en: `${area}: ${sig.observed} ${what?.en ?? 'all'} hazards ${sig.window.from} to ${sig.window.to}${expectedEn}${pEn}: ${rule?.en ?? sig.ruleId}`,
  }
}

const fmt = (x: number) => (Math.round(x * 10) / 10).toString()

function areaName(s: Services, sig: Signal): string {
  const a = sig.area
  if (a.kind === 'unit') return leadUnits[a.id].zh
  const id = a.kind === 'cells' ? a.villageId : a.id
  return s.ledger.areas.byId.get(id)?.name ?? id
}
