import { shallowRef } from 'vue'
import { categories, type CategoryId } from '../../server/domain/categories'
import type { WallTally } from '../api/stream'
import { type LocaleId, nameIn } from '../i18n'

/** Lines the ticker keeps: what fits its panel; older ones are dropped, so it never grows. */
export const TICKER_CAP = 6

export type TickerKind = 'found' | 'closed' | 'escalated'

/** The kinds in the order a tally's lines are added; the last added shows on top. */
const KINDS: readonly TickerKind[] = ['escalated', 'closed', 'found']

/**
 * One ticker line: when, what happened, how many, in which category and village — never a
 * person, a hazard or its text: the wall's stream tells counts per village and category only.
 */
export interface TickerLine {
  key: number
  time: string
  kind: TickerKind
  count: number
  category: CategoryId
  categoryName: string
  villageId: string
  villageName: string
}

const categoryNames = new Map(categories.map((c) => [c.id, c.name]))

/** The line for one kind of a tally, with names in the reader's language; the village's name from the map's geography, else the stream's. */
export function tickerLine(tally: WallTally, kind: TickerKind, key: number, time: string, villageName: string | undefined, locale: LocaleId): TickerLine {
  const category = categoryNames.get(tally.category)
  return {
    key,
    time,
    kind,
    count: tally[kind],
    category: tally.category,
    categoryName: category ? nameIn(locale, category) : tally.category,
    villageId: tally.villageId,
    villageName: villageName ?? tally.villageName,
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

/** The ticker's lines, fed tally by tally; bounded in lines. */
export function useWallTicker(villageName: (id: string) => string | undefined, locale: () => LocaleId) {
  const lines = shallowRef<TickerLine[]>([])
  let counter = 0

  /** Adds a line for each kind the tally counts; returns the kinds added. */
  function take(tally: WallTally, at = new Date()): TickerKind[] {
    const kinds = KINDS.filter((kind) => tally[kind] > 0)
    for (const kind of kinds)
      lines.value = pushCapped(lines.value, tickerLine(tally, kind, ++counter, clockTime(at, locale()), villageName(tally.villageId), locale()))
    return kinds
  }

  return { lines, take }
}
