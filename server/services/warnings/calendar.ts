import type { z } from '@hono/zod-openapi'
import type { WarningCalendarInputSchema, WarningCalendarSchema, WarningRulesSchema } from '../../domain/contract/warnings'
import type { ActingUser, Actor } from '../../domain/roles'
import { DEFAULT_CALENDAR, RULES, RULES_VERSION, responseDays } from '../../domain/warnings/model'
import { audit } from '../audit'
import type { Services } from '../context'
import { ApiError, forbidden } from '../errors'

type WarningCalendar = z.infer<typeof WarningCalendarSchema>
type WarningCalendarInput = z.infer<typeof WarningCalendarInputSchema>
type WarningRules = z.infer<typeof WarningRulesSchema>

/** The seasonal calendar in force: the newest stored version, or the built-in one (version 0) until the administrator edits it. */
export function calendarOf(s: Pick<Services, 'store'>): WarningCalendar {
  const stored = s.store.warnings.calendar()
  if (!stored) return { version: 0, updatedAt: null, updatedBy: null, entries: DEFAULT_CALENDAR.map((e) => ({ ...e, items: [...e.items] })) }
  return { version: stored.version, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy, entries: stored.entries }
}

/** Who reads the calendar and the rule table: everyone who reads warnings (not the wall). */
function mayRead(actor: Actor): boolean {
  return actor.role !== 'wall'
}

export function readCalendar(s: Services, actor: Actor): WarningCalendar {
  if (!mayRead(actor)) throw forbidden('The wall display shows the warnings’ summary only.')
  return calendarOf(s)
}

/** Seasons of the same id twice, or a day that no calendar has (02-30): 400 naming the entry. */
function calendarProblems(input: WarningCalendarInput): Array<{ field: string; message: string }> {
  const seen = new Set<string>()
  const problems: Array<{ field: string; message: string }> = []
  const realDay = (md: string) => {
    const [m, d] = md.split('-').map(Number) as [number, number]
    return d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!
  }
  input.entries.forEach((e, i) => {
    if (seen.has(e.id)) problems.push({ field: `entries.${i}.id`, message: `${e.id} appears twice` })
    seen.add(e.id)
    if (!realDay(e.from)) problems.push({ field: `entries.${i}.from`, message: 'no such day' })
    if (!realDay(e.to)) problems.push({ field: `entries.${i}.to`, message: 'no such day' })
  })
  return problems
}

/** A new calendar (admin): stored as the next version and audited; the next detector run uses it. */
export function setCalendar(s: Services, actor: ActingUser, input: WarningCalendarInput): WarningCalendar {
  if (actor.role !== 'admin') throw forbidden('Only the administrator edits the seasonal calendar.')
  const problems = calendarProblems(input)
  if (problems.length) throw new ApiError(400, 'invalid_input', `Invalid calendar: ${problems.map((p) => p.field).join(', ')}.`, problems)
  const saved = s.store.transaction(() => {
    const row = s.store.warnings.saveCalendar({ entries: input.entries, reason: input.reason, updatedBy: actor.username, updatedAt: new Date().toISOString() })
    audit(s, actor, 'warning.calendar', `v${row.version}`, input.reason)
    return row
  })
  return { version: saved.version, updatedAt: saved.updatedAt, updatedBy: saved.updatedBy, entries: saved.entries }
}

/** The rule table every warning cites, and the days to respond by level. */
export function readRules(actor: Actor): WarningRules {
  if (!mayRead(actor)) throw forbidden('The wall display shows the warnings’ summary only.')
  return { version: RULES_VERSION, rules: RULES.map((r) => ({ ...r })), responseDays: { ...responseDays } }
}
