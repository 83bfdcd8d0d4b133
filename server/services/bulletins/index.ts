import type { Bulletin } from '../../domain/contract/bulletins'
import type { Actor } from '../../domain/roles'
import type { Services } from '../context'
import { ApiError, forbidden } from '../errors'
import { computeFigures, rankingRule } from './figures'
import { summarize } from './summary'


/**
 * Who reads the monthly bulletin (每月通报): the governance office's analyst who issues it, the
 * leadership group, and those it is circulated to — the lead units and the management districts.
 * It holds aggregates and non-confidential titles only, so the village and the wall do not get it.
 */
export function mayReadBulletin(actor: Actor): boolean {
  return actor.role === 'analyst' || actor.role === 'leader' || actor.role === 'lead_unit' || actor.role === 'district'
}

/** The bulletin as of now: computed from the ledger. */
export function computeBulletin(s: Services, month: string): Bulletin {
  const figures = computeFigures(s, month)
  return { ...figures, generatedAt: new Date().toISOString(), summary: summarize(figures), ranking: rankingRule }
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
  const bulletin = computeBulletin(s, month)
  if (!bulletin.final) return bulletin
  // Two first requests at once: whichever stored first is the published one.
  const kept = s.store.bulletins.freeze({ month, generatedAt: bulletin.generatedAt, body: JSON.stringify(bulletin) })
  return JSON.parse(kept.body) as Bulletin
}
