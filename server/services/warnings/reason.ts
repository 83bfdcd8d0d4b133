import { explain } from '../../domain/warnings/explain'
import type { Signal } from '../../domain/warnings/model'

/**
 * A warning's reason in Chinese and English with its numbers (domain/warnings/explain.ts), for a
 * reader: the area as the view names it, a confidential item named only to the cleared, and the
 * number of a hazard withheld from the reader (an overdue one the reason names) masked.
 */
export function reasonOf(sig: Signal, area: { name: string; nameEn: string }, cleared: boolean, withheld: readonly number[]): { zh: string; en: string } {
  const reason = explain(sig, { area: { zh: area.name, en: area.nameEn }, cleared })
  if (!withheld.length) return reason
  const mask = (text: string) => withheld.reduce((t, id) => t.replaceAll(new RegExp(`#${id}(?!\\d)`, 'g'), '#***'), text)
  return { zh: mask(reason.zh), en: mask(reason.en) }
}
