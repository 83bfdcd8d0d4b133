import type { Person } from '../../server/domain/schemas'
import { getJson, postJson } from './client'

/** A key person's record: masked (张*, 370283********1234) unless this one was revealed. */
export type PersonView = Person & { masked: boolean }

/** `GET /api/persons` — masked records; call only for cleared roles (others get 403 and learn nothing). */
export async function fetchPersons(area?: string): Promise<PersonView[]> {
  return (await getJson<{ persons: PersonView[] }>('/api/persons', area ? { area } : {})).persons
}

/**
 * `POST /api/persons/:id/reveal` — one record unmasked; the reason goes in the body (never the
 * address) and the server writes the reader and reason to the audit log. Beyond the account's
 * daily cap the server answers 429.
 */
export async function revealPerson(id: number, reason: string): Promise<PersonView> {
  return (await postJson<{ person: PersonView }>(`/api/persons/${id}/reveal`, { reason })).person
}

/** One visit to a key person (走访记录). */
export interface PersonVisit {
  id: number
  personId: number
  date: string
  visitors: string
  note: string
  createdBy: string
  createdAt: string
}

/** `GET /api/persons/:id/visits` — newest first (cleared roles only). */
export async function fetchVisits(personId: number): Promise<PersonVisit[]> {
  return (await getJson<{ visits: PersonVisit[] }>(`/api/persons/${personId}/visits`)).visits
}

/** `POST /api/persons/:id/visits` — records a visit (cleared roles only). */
export async function recordVisit(personId: number, visit: { date: string; visitors: string; note: string }): Promise<PersonVisit> {
  return (await postJson<{ visit: PersonVisit }>(`/api/persons/${personId}/visits`, visit)).visit
}
