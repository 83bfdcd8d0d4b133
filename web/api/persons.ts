import type { NewVisit, PersonView, PersonVisit } from '../../server/domain/contract/persons'
import { api, call } from './client'

// The shapes are defined once, by the contract (server/domain/contract/persons.ts).
export type { NewVisit, PersonView, PersonVisit } from '../../server/domain/contract/persons'

/** `GET /api/persons` — masked records; call only for cleared roles (others get 403 and learn nothing). */
export async function fetchPersons(area?: string): Promise<PersonView[]> {
  return (await call(api.persons.$get({ query: area ? { area } : {} }))).persons
}

/**
 * `POST /api/persons/:id/reveal` — one record unmasked; the reason goes in the body (never the
 * address) and the server writes the reader and reason to the audit log. Beyond the account's
 * daily cap the server answers 429.
 */
export async function revealPerson(id: number, reason: string): Promise<PersonView> {
  return (await call(api.persons[':id'].reveal.$post({ param: { id: String(id) }, json: { reason } }))).person
}

/** `GET /api/persons/:id/visits` — newest first (cleared roles only). */
export async function fetchVisits(personId: number): Promise<PersonVisit[]> {
  return (await call(api.persons[':id'].visits.$get({ param: { id: String(personId) } }))).visits
}

/** `POST /api/persons/:id/visits` — records a visit (cleared roles only). */
export async function recordVisit(personId: number, visit: NewVisit): Promise<PersonVisit> {
  return (await call(api.persons[':id'].visits.$post({ param: { id: String(personId) }, json: visit }))).visit
}
