import { itemById } from '../domain/categories'
import { type PersonKind, maskIdNumber, maskName, maskPhone, personKinds } from '../domain/persons'
import { type Actor, actorCategory, mayReadPersons } from '../domain/roles'
import type { Person } from '../domain/schemas'
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

/** Key persons, masked, for cleared roles only; others are refused without learning anything. */
export function listPersons(s: Services, actor: Actor, area: string[] | undefined) {
  if (!mayReadPersons(actor)) throw forbidden('Key persons are confidential.')
  const unknown = (area ?? []).filter((id) => !s.ledger.areas.byId.has(id))
  if (unknown.length) throw new ApiError(400, 'invalid_input', 'Unknown area.', unknown.map(() => ({ field: 'area', message: 'unknown area id' })))
  const persons = s.store.persons.list(area ? villagesIn(s, area) : undefined).filter((p) => covers(actor, p.kind))
  return persons.map(masked)
}

/** One record; unmasked only with a stated reason, and every unmasking is written to the audit log. */
export function readPerson(s: Services, actor: Actor & { username: string }, id: number, reveal: boolean, reason: string | undefined) {
  if (!mayReadPersons(actor)) throw forbidden('Key persons are confidential.')
  const person = s.store.persons.get(id)
  if (!person || !covers(actor, person.kind)) throw notFound('person')
  if (!reveal) return masked(person)
  if (!reason || reason.trim().length < 4)
    throw new ApiError(400, 'invalid_input', 'Unmasking needs a stated reason.', [{ field: 'reason', message: 'at least 4 characters' }])
  s.store.audit.write({ at: new Date().toISOString(), username: actor.username, action: 'reveal_person', target: String(id), reason: reason.trim() })
  return { ...person, masked: false as const }
}

/** The person, if this actor is cleared for its kind; otherwise the same 403/404 as reading it. */
function personFor(s: Services, actor: Actor, id: number): Person {
  if (!mayReadPersons(actor)) throw forbidden('Key persons are confidential.')
  const person = s.store.persons.get(id)
  if (!person || !covers(actor, person.kind)) throw notFound('person')
  return person
}

/** A key person's visit records (走访记录), newest first; they name no identity, so reading them is not audited. */
export function listVisits(s: Services, actor: Actor, id: number) {
  personFor(s, actor, id)
  return s.store.persons.visits(id)
}

export interface NewVisitInput {
  date: string
  visitors: string
  note: string
}

/** Records a visit to a key person, by a role cleared for that person; a date after today is refused. */
export function recordVisit(s: Services, actor: Actor & { username: string }, id: number, input: NewVisitInput) {
  personFor(s, actor, id)
  if (input.date > s.today()) throw new ApiError(400, 'invalid_input', 'The date is in the future.', [{ field: 'date', message: 'in the future' }])
  return s.store.transaction(() =>
    s.store.persons.addVisit({ personId: id, date: input.date, visitors: input.visitors, note: input.note, createdBy: actor.username, createdAt: new Date().toISOString() }),
  )
}
