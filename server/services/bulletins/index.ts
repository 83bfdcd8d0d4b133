import type { Bulletin } from '../../domain/contract/bulletins'
import type { Actor } from '../../domain/roles'
import type { Services } from '../context'
import { ApiError, forbidden } from '../errors'
import { type FrozenBody, bulletinSection, scoreMonth } from '../scorecards/score'
import { computeFigures, rankingRule } from './figures'
import { monthPeriod } from '../scorecards/figures'
import { summarize } from './summary'


/**
 * Who reads the monthly bulletin (每月通报): the governance office's analyst who issues it, the
 * leadership group, and those it is circulated to — the lead units and the management districts.
 * It holds aggregates and non-confidential titles only, so the village and the wall do not get it.
 */
export function mayReadBulletin(actor: Actor): boolean {
  return actor.role === 'analyst' || actor.role === 'leader' || actor.role === 'lead_unit' || actor.role === 'district'
}

/** The bulletin as of now: computed from the ledger, with the month's scorecards (考核排名) unless given. */
export function computeBulletin(s: Services, month: string, scores: FrozenBody = scoreMonth(s, month)): Bulletin {
  const figures = computeFigures(s, month)
  return { ...figures, generatedAt: new Date().toISOString(), summary: summarize(figures), ranking: rankingRule, scorecards: bulletinSection(scores) }
}

/**
 * Publishes an ended month: its bulletin and its scorecards (every level, with the table used) are
 * stored in one transaction, so what the bulletin ranks is what the scorecards serve from then on.
 * A bulletin stored before scorecards existed gets its month's scorecards frozen beside it now.
 */
export function publishMonth(s: Services, month: string): Bulletin {
  const stored = s.store.bulletins.get(month)
  if (stored && s.store.scorecards.get(month)) return JSON.parse(stored.body) as Bulletin
  const scores = scoreMonth(s, month)
  if (stored) {
    s.store.scorecards.freeze({ month, frozenAt: new Date().toISOString(), body: JSON.stringify(scores) })
    return JSON.parse(stored.body) as Bulletin
  }
  const bulletin = computeBulletin(s, month, scores)
  // Two first requests at once: whichever stored first is the published one.
  const kept = s.store.transaction(() => {
    const row = s.store.bulletins.freeze({ month, generatedAt: bulletin.generatedAt, body: JSON.stringify(bulletin) })
    s.store.scorecards.freeze({ month, frozenAt: row.generatedAt, body: JSON.stringify(scores) })
    return row
  })
  return JSON.parse(kept.body) as Bulletin
}

/**
 * The month's bulletin. While the month runs it is live and provisional (未定稿); once it has
 * ended, the first request stores it and every later one is served the stored text, so a later
 * change to the ledger (a back-dated report, a failed verification) does not alter what was published.
 */
export function bulletinFor(s: Services, actor: Actor, month: string): Bulletin {
  if (!mayReadBulletin(actor)) throw forbidden('The monthly bulletin goes to the leadership, the analyst, the lead units and the districts.')
  if (month > s.today().slice(0, 7))
    throw new ApiError(400, 'invalid_input', 'That month has not begun.', [{ field: 'month', message: 'in the future' }])
  const start = s.store.meta.get('campaignStart')
  if (start && month < start.slice(0, 7))
    throw new ApiError(400, 'invalid_input', `The campaign began in ${start.slice(0, 7)}.`, [{ field: 'month', message: 'before the campaign began' }])
  const stored = s.store.bulletins.get(month)
  if (stored) return JSON.parse(stored.body) as Bulletin
  if (monthPeriod(month, s.today()).final) return publishMonth(s, month)
  return computeBulletin(s, month)
}
