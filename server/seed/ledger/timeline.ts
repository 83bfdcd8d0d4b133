import type { HandlingLevel } from '../../domain/areas'
import { type RiskLevel, defaultDeadlineDays, riskLevelIds } from '../../domain/levels'
import { type Step, nextStatus } from '../../domain/lifecycle'
import type { Role } from '../../domain/roles'
import type { HazardEvent } from '../../domain/schemas'
import type { Status } from '../../domain/statuses'
import { fromDay } from '../../services/ledger/days'
import type { Random } from '../random'
import { escalationReasons, measureTemplates, rectifyNotes, verifyFailNotes } from './templates'

export interface Actors {
  /** who registered it: the grid worker, the district (concentrated) or the lead unit (focused) */
  reporter: string
  /** the grid worker of the hazard's village */
  grid: string
  /** the officer of its management district */
  district: string
  /** its category's lead unit */
  lead: string
  /** whether the lead unit rather than the district handles it (always for confidential items) */
  leadHandles: boolean
}

export interface Outcome {
  status: Status
  level: RiskLevel | null
  measures: string | null
  deadline: string | null
  handlingLevel: HandlingLevel | null
  escalated: boolean
  rectifiedAt: string | null
  closedAt: string | null
  assigned: boolean
  /** hazardId is filled in by the caller once the id is known */
  events: HazardEvent[]
  updatedAt: string
}

const roleOf = (actor: string, a: Actors): Role =>
  actor === a.grid ? 'grid' : actor === a.lead ? 'lead_unit' : 'district'
const times = new Map<number, string>()
/** A working-hours time on a day, as an ISO string in China's offset; memoised, a ledger repeats them. */
const at = (day: number, minutes: number) => {
  const key = day * 1440 + minutes
  let text = times.get(key)
  if (text === undefined) {
    const h = String(8 + Math.floor(minutes / 60)).padStart(2, '0')
    const m = String(minutes % 60).padStart(2, '0')
    text = `${fromDay(day)}T${h}:${m}:00+08:00`
    if (times.size < 500_000) times.set(key, text)
  }
  return text
}
const levelWeights = [7, 18, 40, 35]
const handlingFor: Record<RiskLevel, HandlingLevel> = { major: 'town', significant: 'district', general: 'village', low: 'village' }

/**
 * A hazard's history from its report to the as-of date, every step checked against the
 * lifecycle table as it is taken, so the demo ledger can only hold lives the plan allows.
 */
export function liveHazard(discovered: number, asOf: number, actors: Actors, random: Random, onSpotAllowed: boolean): Outcome {
  const out: Outcome = {
    status: 'reported', level: null, measures: null, deadline: null, handlingLevel: null, escalated: false,
    rectifiedAt: null, closedAt: null, assigned: false, events: [], updatedAt: at(discovered, 0),
  }
  let minutes = random.int(0, 540)
  const reporter = actors.reporter
  out.events.push({ hazardId: 0, at: at(discovered, minutes), actor: reporter, action: 'report', note: null, from: null, to: 'reported' })
  const handler = actors.leadHandles ? actors.lead : actors.district
  let day = discovered

  const take = (step: Step, actor: string, when: number, note: string | null): boolean => {
    if (when > asOf) return false
    if (when > day) minutes = random.int(0, 480)
    else minutes = Math.min(minutes + random.int(5, 60), 599)
    day = when
    const move = nextStatus(out.status, step, roleOf(actor, actors))
    if (!move.ok) throw new Error(`demo ledger tried ${step} from ${out.status} as ${actor}`)
    const action = step === 'verify_pass' || step === 'verify_fail' ? 'verify' : step
    out.events.push({ hazardId: 0, at: at(day, minutes), actor, action, note, from: out.status, to: move.to })
    out.status = move.to
    out.updatedAt = at(day, minutes)
    return true
  }

  const escalateAt = random.chance(0.06) ? discovered + random.int(0, 20) : Infinity
  const maybeEscalate = (before: number) => {
    if (escalateAt <= before && !out.escalated && out.status !== 'closed' && take('escalate', actors.district, Math.max(escalateAt, day), random.pick(escalationReasons)))
      out.escalated = true
  }

  if (onSpotAllowed && random.chance(0.14)) {
    // 能当场整改的当场整改: fixed where found, then verified.
    if (!take('rectify', reporter, discovered, '现场当场整改')) return out
    out.rectifiedAt = fromDay(day)
    if (take('verify_pass', handler, day + random.int(1, 5), '现场核查，整改到位')) out.closedAt = fromDay(day)
    return out
  }

  const level = random.weighted(riskLevelIds, levelWeights)
  if (!take('assess', handler, day + random.int(0, 3), random.pick(measureTemplates))) return out
  out.level = level
  out.measures = out.events.at(-1)!.note
  out.handlingLevel = handlingFor[level]
  maybeEscalate(day + 1)
  if (!take('assign', handler, day + random.int(0, 2), null)) return out
  out.assigned = true
  const deadline = day + defaultDeadlineDays[level]
  out.deadline = fromDay(deadline)
  if (!take('start', actors.grid, day + random.int(0, 3), null)) return out
  maybeEscalate(deadline)
  // Most finish in time; some run late, which is what the overdue list is for.
  const late = random.chance(0.16)
  const finish = late ? deadline + random.int(1, 40) : day + Math.floor((deadline - day) * (0.3 + 0.7 * random.next()))
  if (!take('rectify', actors.grid, Math.max(day, finish), random.pick(rectifyNotes))) return out
  out.rectifiedAt = fromDay(day)
  if (random.chance(0.1)) {
    if (!take('verify_fail', handler, day + random.int(1, 5), random.pick(verifyFailNotes))) return out
    if (!take('rectify', actors.grid, day + random.int(3, 15), random.pick(rectifyNotes))) return out
    out.rectifiedAt = fromDay(day)
  }
  if (take('verify_pass', handler, day + random.int(1, 6), '验收合格，予以销号')) out.closedAt = fromDay(day)
  return out
}
