import { shallowRef } from 'vue'
import { categories, type CategoryId } from '../../server/domain/categories'
import { riskLevels } from '../../server/domain/levels'
import type { HazardEvent } from '../api/stream'
import { unassessedName } from '../charts/breakdown-option'
import { type LocaleId, nameIn } from '../i18n'

/** Lines the ticker keeps: what fits its panel; older ones are dropped, so it never grows. */
export const TICKER_CAP = 6
/** Escalations remembered so that later changes of the same hazard are not announced again. */
const ESCALATIONS_KEPT = 500

export type TickerKind = 'found' | 'closed' | 'escalated'

/**
 * One ticker line: when, what happened, and the category, village and level — never a person,
 * never a hazard's text (the stream sends neither to the wall; the line could not show them).
 */
export interface TickerLine {
  key: number
  time: string
  kind: TickerKind
  category: CategoryId
  categoryName: string
  villageId: string
  villageName: string
  level: string
  levelName: string
}

/** What an event means to the room, or undefined for steps in between (assessed, assigned …). */
export function tickerKind(event: Pick<HazardEvent, 'id' | 'kind' | 'status' | 'escalated'>, announced: ReadonlySet<number>): TickerKind | undefined {
  if (event.kind === 'created') return 'found'
  if (event.status === 'closed') return 'closed'
  if (event.escalated && !announced.has(event.id)) return 'escalated'
  return undefined
}

const categoryNames = new Map(categories.map((c) => [c.id, c.name]))

/** The line for an event, with names in the reader's language; the village's name comes from the map's geography. */
export function tickerLine(event: HazardEvent, kind: TickerKind, key: number, time: string, villageName: string | undefined, locale: LocaleId): TickerLine {
  const category = categoryNames.get(event.category)
  return {
    key,
    time,
    kind,
    category: event.category,
    categoryName: category ? nameIn(locale, category) : event.category,
    villageId: event.villageId,
    villageName: villageName ?? '',
    level: event.level ?? 'unassessed',
    levelName: nameIn(locale, event.level ? riskLevels[event.level] : unassessedName),
  }
}

/** The newest line first, at most `cap` lines. */
export function pushCapped<T>(lines: readonly T[], line: T, cap = TICKER_CAP): T[] {
  return [line, ...lines.slice(0, Math.max(0, cap - 1))]
}

/** 16:05:12 on the wall's own clock. */
export function clockTime(at: Date, locale: LocaleId): string {
  return at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
}

/** The ticker's lines, fed event by event; bounded in lines and in remembered escalations. */
export function useWallTicker(villageName: (id: string) => string | undefined, locale: () => LocaleId) {
  const lines = shallowRef<TickerLine[]>([])
  const announced = new Set<number>()
  let counter = 0

  /** Adds the event's line, if it is one the room should see; returns its kind. */
  function take(event: HazardEvent, at = new Date()): TickerKind | undefined {
    const kind = tickerKind(event, announced)
    if (event.escalated && kind !== 'closed') remember(event.id)
    if (!kind) return undefined
    lines.value = pushCapped(lines.value, tickerLine(event, kind, ++counter, clockTime(at, locale()), villageName(event.villageId), locale()))
    return kind
  }

  function remember(id: number): void {
    announced.add(id)
    // A Set iterates in insertion order: the oldest escalation goes first.
    if (announced.size > ESCALATIONS_KEPT) announced.delete(announced.values().next().value!)
  }

  return { lines, take }
}
