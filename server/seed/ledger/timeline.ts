import type { HandlingLevel } from '../../domain/areas'
import { type RiskLevel, defaultDeadlineDays, riskLevelIds } from '../../domain/levels'
import { type Step, nextStatus } from '../../domain/lifecycle'
import type { Role } from '../../domain/roles'
import { fromDay } from '../../domain/days'
import { actionCode, chinaTime, historyStatuses, statusCode } from '../../store/history'
import type { Random } from '../random'
import { escalationReasons, measureTemplates, rectifyNotes, verifyFailNotes } from './templates'

/** Who acts on a hazard, by the part they play: its village's grid worker, its district's officer, its lead unit. */
export const GRID = 0
export const DISTRICT = 1
export const LEAD = 2
const roles: readonly Role[] = ['grid', 'district', 'lead_unit']

const steps: readonly Step[] = ['assess', 'assign', 'start', 'rectify', 'verify_pass', 'verify_fail', 'escalate']
const [ASSESS, ASSIGN, START, RECTIFY, VERIFY_PASS, VERIFY_FAIL, ESCALATE] = steps.map((_, i) => i) as [number, number, number, number, number, number, number]
const REPORTED = statusCode.get('reported')!
const CLOSED = statusCode.get('closed')!
/** The lifecycle table read once for every step, status and role: the status a step leads to, or −1 where it is refused. */
const moves = steps.map((step) =>
  historyStatuses.map((from) =>
    roles.map((role) => {
      const move = nextStatus(from, step, role)
      return move.ok ? statusCode.get(move.to)! : -1
    }),
  ),
)
const stepAction = steps.map((s) => actionCode.get(s === 'verify_pass' || s === 'verify_fail' ? 'verify' : s)!)
const REPORT = actionCode.get('report')!

const levelWeights = [7, 18, 40, 35]
/** Share of hazards finished after their deadline: the town and the districts watch major and significant ones closer. */
const lateShare: Record<RiskLevel, number> = { major: 0.03, significant: 0.05, general: 0.16, low: 0.16 }
const handlingFor: Record<RiskLevel, HandlingLevel> = { major: 'town', significant: 'district', general: 'village', low: 'village' }
const ON_THE_SPOT = '现场当场整改'

/**
 * What the demo's structure (structure.ts) asks of one life: a level of its choosing, assessed rather
 * than fixed on the spot, finished in time, or stalled — no rectification or verification from a
 * day on while its level is among `stallLevels` (a district falling behind). The random draws are
 * taken all the same, so a planned life leaves the rest of the ledger drawing as before.
 */
export interface LifePlan {
  level?: RiskLevel
  assessed?: boolean
  prompt?: boolean
  stallFrom?: number
  stallLevels?: readonly RiskLevel[]
}
const WORK_STEPS = new Set([RECTIFY, VERIFY_PASS, VERIFY_FAIL])
const SPOT_CHECKED = '现场核查，整改到位'
const CLOSED_OUT = '验收合格，予以销号'

/**
 * A hazard's history from its report to the as-of date, every step checked against the
 * lifecycle table as it is taken, so the demo ledger can only hold lives the plan allows.
 * One Life is reused for every hazard of a ledger: the events stay in typed arrays until they
 * are written (to a compact history), and nothing is allocated per event.
 */
export class Life {
  status = REPORTED
  level: RiskLevel | null = null
  measures: string | null = null
  deadline: string | null = null
  handlingLevel: HandlingLevel | null = null
  escalated = false
  rectifiedAt: string | null = null
  closedAt: string | null = null
  /** closedAt as a day number (−1 while open): the ledger's checks read it per hazard */
  closedDay = -1
  assigned = false
  /** the events: day, minutes after 08:00, who (GRID, DISTRICT, LEAD), action and status codes, note */
  n = 0
  readonly eventDay = new Int32Array(64)
  readonly eventMinutes = new Int32Array(64)
  readonly eventActor = new Uint8Array(64)
  readonly eventAction = new Uint8Array(64)
  readonly eventTo = new Uint8Array(64)
  readonly eventNote: Array<string | null> = []
  /** the index of the escalation among the events, or −1 */
  escalation = -1

  private day = 0
  private minutes = 0
  /** no rectification or verification from this day on (a stalled district's hazard) */
  private stallFrom = Infinity
  private asOf = 0
  private random!: Random

  /** When it was last changed: its last step's time, or the start of its first day while it is only reported. */
  updatedAt(): string {
    const last = this.n - 1
    return last === 0 ? chinaTime(this.eventDay[0]!, 480) : chinaTime(this.eventDay[last]!, 480 + this.eventMinutes[last]!)
  }

  /** The time of event i, in China time. */
  at(i: number): string {
    return chinaTime(this.eventDay[i]!, 480 + this.eventMinutes[i]!)
  }

  private push(actor: number, action: number, to: number, note: string | null): void {
    const i = this.n++
    this.eventDay[i] = this.day
    this.eventMinutes[i] = this.minutes
    this.eventActor[i] = actor
    this.eventAction[i] = action
    this.eventTo[i] = to
    this.eventNote[i] = note
  }

  private take(step: number, actor: number, when: number, note: string | null): boolean {
    if (when > this.asOf || (when >= this.stallFrom && WORK_STEPS.has(step))) return false
    if (when > this.day) this.minutes = this.random.int(0, 480)
    // The same day: a little later, by 18:00 unless the report itself came later (then with it), never before it.
    else this.minutes = Math.min(Math.max(this.minutes, 0) + this.random.int(5, 60), Math.max(599, this.minutes))
    this.day = when
    const to = moves[step]![this.status]![actor]!
    if (to < 0) throw new Error(`demo ledger tried ${steps[step]} from ${historyStatuses[this.status]} as ${roles[actor]}`)
    this.push(actor, stepAction[step]!, to, note)
    this.status = to
    return true
  }

  /**
   * Lives a hazard reported on `discovered` by `reporter` (GRID, DISTRICT or LEAD) up to `asOf`.
   * `leadHandles`: the lead unit rather than the district handles it (always for confidential items).
   * `reportMinute`: the report's minute of the day (China time) when it is known, else drawn in working hours.
   * `plan`: what the demo's structure asks of this life, if anything.
   */
  live(discovered: number, asOf: number, reporter: number, leadHandles: boolean, random: Random, onSpotAllowed: boolean, reportMinute?: number, plan?: LifePlan): void {
    this.status = REPORTED
    this.level = null
    this.measures = null
    this.deadline = null
    this.handlingLevel = null
    this.escalated = false
    this.rectifiedAt = null
    this.closedAt = null
    this.closedDay = -1
    this.assigned = false
    this.n = 0
    this.escalation = -1
    this.stallFrom = Infinity
    this.asOf = asOf
    this.random = random
    this.day = discovered
    this.minutes = random.int(0, 540)
    // Drawn all the same, so the rest of the ledger draws as it did before the report's time was given.
    if (reportMinute !== undefined) this.minutes = reportMinute - 480
    this.push(reporter, REPORT, REPORTED, null)
    const handler = leadHandles ? LEAD : DISTRICT

    const escalateAt = random.chance(0.06) ? discovered + random.int(0, 20) : Infinity
    if (onSpotAllowed && random.chance(0.14) && !plan?.assessed) {
      // 能当场整改的当场整改: fixed where found, then verified.
      if (!this.take(RECTIFY, reporter, discovered, ON_THE_SPOT)) return
      this.rectifiedAt = fromDay(this.day)
      if (this.take(VERIFY_PASS, handler, this.day + random.int(1, 5), SPOT_CHECKED)) this.close()
      return
    }

    const level = plan?.level ?? random.weighted(riskLevelIds, levelWeights)
    if (plan?.level) random.next()
    if (plan?.stallFrom !== undefined && plan.stallLevels?.includes(level)) this.stallFrom = plan.stallFrom
    if (!this.take(ASSESS, handler, this.day + random.int(0, 3), random.pick(measureTemplates))) return
    this.level = level
    this.measures = this.eventNote[this.n - 1]!
    this.handlingLevel = handlingFor[level]
    this.maybeEscalate(escalateAt, this.day + 1)
    if (!this.take(ASSIGN, handler, this.day + random.int(0, 2), null)) return
    this.assigned = true
    const deadline = this.day + defaultDeadlineDays[level]
    this.deadline = fromDay(deadline)
    if (!this.take(START, GRID, this.day + random.int(0, 3), null)) return
    this.maybeEscalate(escalateAt, deadline)
    // Most finish in time; some run late, which is what the overdue list is for.
    const late = random.next() < lateShare[level] && !plan?.prompt
    const finish = late ? deadline + random.int(1, 40) : this.day + Math.floor((deadline - this.day) * (0.3 + 0.7 * random.next()))
    if (!this.take(RECTIFY, GRID, Math.max(this.day, finish), random.pick(rectifyNotes))) return
    this.rectifiedAt = fromDay(this.day)
    if (random.chance(0.1) && !plan?.prompt) {
      if (!this.take(VERIFY_FAIL, handler, this.day + random.int(1, 5), random.pick(verifyFailNotes))) return
      // Failed: not rectified any more, as the service records it (services/hazards.ts).
      this.rectifiedAt = null
      if (!this.take(RECTIFY, GRID, this.day + random.int(3, 15), random.pick(rectifyNotes))) return
      this.rectifiedAt = fromDay(this.day)
    }
    if (this.take(VERIFY_PASS, handler, this.day + random.int(1, 6), CLOSED_OUT)) this.close()
  }

  private close(): void {
    this.closedDay = this.day
    this.closedAt = fromDay(this.day)
  }

  private maybeEscalate(escalateAt: number, before: number): void {
    if (escalateAt <= before && !this.escalated && this.status !== CLOSED && this.take(ESCALATE, DISTRICT, Math.max(escalateAt, this.day), this.random.pick(escalationReasons))) {
      this.escalated = true
      this.escalation = this.n - 1
    }
  }
}
