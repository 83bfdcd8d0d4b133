import { itemById } from '../domain/categories'
import type { NewVisit, PersonView, PersonVisit } from '../domain/contract/persons'
import { type PersonKind, maskIdNumber, maskName, maskPhone, personKinds } from '../domain/persons'
import { type ActingUser, type Actor, actorCategory, mayReadPersons } from '../domain/roles'
import type { Person } from '../domain/schemas'
import { chinaToday } from '../env'
import { audit } from './audit'
import type { Services } from './context'
import { ApiError, forbidden, notFound } from './errors'

/** Whether this actor's clearance covers a kind of key person: the leader all, a lead unit those of its category. */
function covers(actor: Actor, kind: string): boolean {
  if (actor.role === 'leader') return true
  const item = personKinds[kind as PersonKind]?.item
  return !!item && itemById.get(item)?.category === actorCategory(actor)
}

export function masked(p: Person): Person & { masked: true } {
  return { ...p, name: maskName(p.name), idNumber: maskIdNumber(p.idNumber), phone: maskPhone(p.phone), masked: true }
}

function villagesIn(s: Services, areaIds: readonly string[]): string[] {
  const areas = s.ledger.areas
  return [...new Set(areaIds.flatMap((id) => [...areas.gridsInside(id)].map((g) => areas.grids[g]!.parentId!)))]
}

/** Key persons, masked, for cleared roles only; others are refused without learning anything. Every listing is audited. */
export function listPersons(s: Services, actor: ActingUser, area: string[] | undefined): PersonView[] {
  if (!mayReadPersons(actor)) throw forbidden('Key persons are confidential.')
  const unknown = (area ?? []).filter((id) => !s.ledger.areas.byId.has(id))
  if (unknown.length) throw new ApiError(400, 'invalid_input', 'Unknown area.', unknown.map(() => ({ field: 'area', message: 'unknown area id' })))
  const persons = s.store.persons.list(area ? villagesIn(s, area) : undefined).filter((p) => covers(actor, p.kind))
  audit(s, actor, 'list_persons', area ? `area=${area.join(',')}` : 'all')
  return persons.map(masked)
}

/** One record, masked. */
export function readPerson(s: Services, actor: Actor, id: number): PersonView {
  return masked(personFor(s, actor, id))
}

/** The instant (ISO) today began in China: the reveal cap counts from there. */
function chinaDayStart(now: Date): string {
  return new Date(`${chinaToday(now)}T00:00:00+08:00`).toISOString()
}

/**
 * Unmasks one record for a stated reason. Each account may unmask REVEAL_DAILY_LIMIT records a day:
 * the reveal that reaches the cap tells every leader, and any beyond it is refused (429) and
 * written to the audit log as refused. The count is taken from the audit log itself, in the same
 * transaction as the new row, so the cap holds however many requests arrive at once.
 */
export function revealPerson(s: Services, actor: ActingUser, id: number, reason: string): PersonView {
  const person = personFor(s, actor, id)
  const now = new Date()
  const at = now.toISOString()
  const limit = s.env.REVEAL_DAILY_LIMIT
  const outcome = s.store.transaction(() => {
    const used = s.store.audit.count(actor.username, 'reveal_person', chinaDayStart(now))
    if (used >= limit) {
      audit(s, actor, 'reveal_refused', String(id), reason)
      return undefined
    }
    audit(s, actor, 'reveal_person', String(id), reason)
    if (used + 1 < limit) return []
    const message = `${actor.username} 今日已查看 ${limit} 名重点人员的身份信息，达到每日上限；此后当日的查看将被拒绝。`
    return s.store.users
      .list()
      .filter((u) => u.role === 'leader')
      .map((u) => {
        s.store.notifications.insert({ username: u.username, hazardId: null, message, createdAt: at })
        return { type: 'notification' as const, username: u.username, hazardId: null, message }
      })
  })
  if (!outcome) throw new ApiError(429, 'reveal_limit', `At most ${limit} key persons may be unmasked by one account a day.`)
  for (const event of outcome) s.live.publish(event)
  return { ...person, masked: false as const }
}

/** The person, if this actor is cleared for its kind; otherwise the same 403/404 as reading it. */
function personFor(s: Services, actor: Actor, id: number): Person {
  if (!mayReadPersons(actor)) throw forbidden('Key persons are confidential.')
  const person = s.store.persons.get(id)
  if (!person || !covers(actor, person.kind)) throw notFound('person')
  return person
}

/** A key person's visit records (走访记录), newest first; their notes describe the person, so reading them is audited. */
export function listVisits(s: Services, actor: ActingUser, id: number): PersonVisit[] {
  personFor(s, actor, id)
  audit(s, actor, 'read_visits', String(id))
  return s.store.persons.visits(id)
}

/** Records a visit to a key person, by a role cleared for that person; a date after today is refused. */
export function recordVisit(s: Services, actor: ActingUser, id: number, input: NewVisit): PersonVisit {
  personFor(s, actor, id)
  if (input.date > s.today()) throw new ApiError(400, 'invalid_input', 'The date is in the future.', [{ field: 'date', message: 'in the future' }])
  return s.store.transaction(() =>
    s.store.persons.addVisit({ personId: id, date: input.date, visitors: input.visitors, note: input.note, createdBy: actor.username, createdAt: new Date().toISOString() }),
  )
}
