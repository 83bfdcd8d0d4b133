import type { Campaign, CampaignChange, CampaignDetail, CampaignMembers, NewCampaign } from '../domain/contract/campaigns'
import { type ActingUser, type Actor, actorCategory } from '../domain/roles'
import type { CampaignRecord } from '../store/types'
import { audit } from './audit'
import type { Services } from './context'
import { ApiError, forbidden, notFound } from './errors'
import { hazardViewer } from './hazard-view'
import { inReach } from './hazards'
import { toDay } from '../domain/days'
import { reachOf } from './reach'

/** Special campaigns (专项整治) are set up by the analyst (综治办) or a lead unit, for its own category. */
function mayRun(actor: Actor): boolean {
  return actor.role === 'analyst' || actor.role === 'lead_unit'
}

/** Whether this actor may change this campaign: the analyst any; a lead unit those of its category or of none. */
function mayEdit(actor: Actor, c: CampaignRecord): boolean {
  if (actor.role === 'analyst') return true
  const own = actorCategory(actor)
  return actor.role === 'lead_unit' && !!own && (c.category === null || c.category === own)
}

/** Progress from the ledger index, within what the caller may see. */
function progress(s: Services, actor: Actor, c: CampaignRecord): Campaign {
  const today = s.today()
  const sum = s.ledger.summary(s.ledger.select({ campaign: c.id }, reachOf(actor), today), today)
  return {
    ...c,
    daysLeft: toDay(c.deadline) - toDay(today),
    progress: { total: sum.total, closed: sum.closed, open: sum.open, overdue: sum.overdue, closeRate: sum.closeRate },
  }
}

/** A day, for the per-account cap: a rolling 24 hours by the clock, whatever day the ledger keeps. */
const DAY_MS = 86_400_000

/**
 * Campaigns are cheap to make and each is listed, with its progress counted, on every records page:
 * an account sets up at most CAMPAIGNS_PER_DAY in 24 hours (429), and the town keeps at most
 * CAMPAIGNS_OPEN_MAX whose deadline has not passed (422).
 */
function withinCaps(s: Services, username: string): void {
  const all = s.store.campaigns.list()
  const since = Date.now() - DAY_MS
  const mine = all.filter((c) => c.createdBy === username && Date.parse(c.createdAt) > since)
  const perDay = s.env.CAMPAIGNS_PER_DAY
  if (mine.length >= perDay) {
    const wait = Math.max(1, Math.ceil((Math.min(...mine.map((c) => Date.parse(c.createdAt))) + DAY_MS - Date.now()) / 1000))
    throw new ApiError(429, 'too_many_campaigns', `An account sets up at most ${perDay} campaigns in 24 hours.`, { retryAfter: wait }, { 'retry-after': String(wait) })
  }
  const open = all.filter((c) => c.deadline >= s.today()).length
  if (open >= s.env.CAMPAIGNS_OPEN_MAX)
    throw new ApiError(422, 'too_many_campaigns', `The town already runs ${open} open campaigns, the most allowed (${s.env.CAMPAIGNS_OPEN_MAX}); let one end first.`)
}

export function createCampaign(s: Services, actor: ActingUser, input: NewCampaign): Campaign {
  if (!mayRun(actor)) throw forbidden('Only the analyst or a lead unit sets up special campaigns.')
  const own = actorCategory(actor)
  if (own && input.category && input.category !== own) throw forbidden('A lead unit runs campaigns in its own category.')
  if (input.deadline < s.today()) throw new ApiError(400, 'invalid_input', 'The deadline is in the past.', [{ field: 'deadline', message: 'in the past' }])
  withinCaps(s, actor.username)
  const row = s.store.transaction(() =>
    s.store.campaigns.insert({
      name: input.name, goal: input.goal, deadline: input.deadline, category: own ?? input.category ?? null,
      createdBy: actor.username, createdAt: new Date().toISOString(),
    }),
  )
  return progress(s, actor, row)
}

export function listCampaigns(s: Services, actor: Actor): Campaign[] {
  return s.store.campaigns.list().map((c) => progress(s, actor, c))
}

export function campaignDetail(s: Services, actor: Actor, id: number): CampaignDetail {
  const c = s.store.campaigns.get(id)
  if (!c) throw notFound('campaign')
  const today = s.today()
  const sel = s.ledger.select({ campaign: id }, reachOf(actor), today)
  const ids = s.ledger.newest(sel, sel.length)
  const hazards = s.store.hazards.getMany(ids).map(hazardViewer(s, actor))
  return { campaign: progress(s, actor, c), hazards }
}

/**
 * Adds hazards to a campaign and takes others out. Every id must name a hazard the caller may see
 * (and, for a campaign of one category, of that category; for a lead unit, of its own); a hazard
 * already in another campaign must be taken out of it first. All or nothing.
 */
export function changeMembers(s: Services, actor: ActingUser, id: number, members: CampaignMembers): CampaignChange {
  const { add = [], remove = [] } = members
  const c = s.store.campaigns.get(id)
  if (!c) throw notFound('campaign')
  if (!mayEdit(actor, c)) throw forbidden('This role may not change this campaign.')
  const own = actorCategory(actor)
  const errors: Array<{ field: string; message: string }> = []
  const rows = s.store.hazards.getMany([...new Set([...add, ...remove])])
  const byId = new Map(rows.map((h) => [h.id, h]))
  const check = (hid: number, field: string) => {
    const h = byId.get(hid)
    if (!h || !inReach(s, actor, h)) return errors.push({ field, message: `no hazard ${hid} here` })
    if (own && h.category !== own) return errors.push({ field, message: `hazard ${hid} is not of your category` })
    if (field === 'add' && c.category && h.category !== c.category) return errors.push({ field, message: `hazard ${hid} is not of the campaign’s category` })
    if (field === 'add' && h.campaignId !== null && h.campaignId !== id) return errors.push({ field, message: `hazard ${hid} is in campaign ${h.campaignId}` })
    return 0
  }
  add.forEach((hid) => check(hid, 'add'))
  remove.forEach((hid) => check(hid, 'remove'))
  const both = add.filter((hid) => remove.includes(hid))
  for (const hid of both) errors.push({ field: 'remove', message: `hazard ${hid} is both added and removed` })
  if (errors.length) throw new ApiError(422, 'not_allowed_now', 'Some hazards cannot be changed in this campaign.', errors)
  const leaving = remove.filter((hid) => byId.get(hid)!.campaignId === id)
  const changed = s.store.transaction(() => {
    // Who put which hazards in or out is audited with the change itself: all or nothing.
    const target = `${id}: ${[...add.map((hid) => `+${hid}`), ...leaving.map((hid) => `-${hid}`)].join(',')}`
    audit(s, actor, 'campaign_members', target)
    return { added: s.store.campaigns.setCampaign(add, id), removed: s.store.campaigns.setCampaign(leaving, null) }
  })
  // The index follows the store: the campaign filter and its progress answer from it.
  for (const h of s.store.hazards.getMany([...add, ...leaving])) s.ledger.upsert(h)
  s.live.publish({ type: 'stats' })
  return { ...changed, ...campaignDetail(s, actor, id) }
}
