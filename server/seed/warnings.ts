import { addDays } from '../domain/days'
import type { WarningActionInput } from '../domain/contract/warnings'
import type { ActingUser } from '../domain/roles'
import type { DetectorId, DetectorRun, SeasonEntry } from '../domain/warnings/model'
import { readEnv } from '../env'
import type { Services } from '../services/context'
import { LiveBus } from '../services/context'
import { GeographyCache } from '../services/geography'
import { GridLocator } from '../services/locate'
import { type Detect, accountsByUnit, issueWarnings } from '../services/warnings/engine'
import { applyWarningAction } from '../services/warnings/lifecycle'
import { detect } from '../services/warnings/run'
import { auditDetailRead } from '../services/warnings/views'
import type { Store, WarningRecord } from '../store/types'
import { takeIndex } from './warnings-index'

/**
 * The demo's early warnings (issue 14) with a history: the engine runs as of every half-month end of
 * the last three months and then as of the demo's day, as it would have run then, and after each run
 * the responsible units do what units do — sign for most new warnings the day they come (a few a
 * half-month late), respond to what they signed for with a note and a linked hazard, and lift what
 * the engine proposes lifting (its detector quiet for two half-months) with a reason. The warnings
 * of the last run are left to be signed for, so the workbench has a queue. Deterministic: the same
 * ledger gives the same warnings and the same history.
 */

/** How far back the history starts. */
const MONTHS_BACK = 3
/** Every this-many-th new warning (by its order of issue) is signed for only at the next run: late. */
const LATE_EVERY = 4

/** What a unit writes when it starts to respond, by detector. */
const responseNotes: Record<DetectorId, string> = {
  hot_spot: '已组织网格员对该区域开展专项巡查，逐户逐点排查，落实包保责任人',
  rising_trend: '已会商研判上升原因，针对该类隐患开展专项整治',
  repeat_site: '已约谈场所负责人，复核上次整改销号情况，重新限期整改并跟踪复查',
  overdue: '已督促责任单位加快整改，明确整改时限和责任人，每日报告进度',
  seasonal: '已部署季节性专项检查，下发提醒通知并落实值班值守',
}
const LIFT_REASON = '连续两个半月未再触发，经复查风险已消除，予以解除'

/** The days the engine runs on: each 15th and month's end from three months back, before `asOf`, then `asOf`. */
export function demoWarningDays(asOf: string): string[] {
  const days: string[] = []
  const [y, m] = [Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7))]
  for (let back = MONTHS_BACK; back >= 0; back--) {
    const first = new Date(Date.UTC(y, m - 1 - back, 1))
    const month = first.toISOString().slice(0, 7)
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).toISOString().slice(0, 10)
    for (const day of [`${month}-15`, last]) if (day < asOf && day >= addDays(asOf, -MONTHS_BACK * 31)) days.push(day)
  }
  return [...days, asOf]
}

/** The services the engine and the lifecycle need, over a freshly seeded store, with "today" pinned. */
function demoServices(store: Store, asOf: string): Services {
  const ledger = takeIndex(store)
  return {
    env: readEnv({ AS_OF: asOf }), store, ledger, live: new LiveBus(), geography: new GeographyCache(store),
    locator: new GridLocator(store.areas.list('grid')), today: () => asOf,
  }
}

/**
 * The account that acts for a warning's responsible unit (its first, by the store's order), over
 * one read of the accounts: none is added while the history is written.
 */
function actors(s: Services): (w: WarningRecord) => ActingUser | null {
  const accounts = accountsByUnit(s)
  return (w) => {
    const u = accounts(w.responsible)[0]
    return u ? { username: u.username, role: u.role, areaId: u.areaId ?? undefined, leadUnit: u.leadUnit ?? undefined } : null
  }
}

export interface DemoWarningsReport {
  runs: number
  issued: number
  actions: number
}

/** From this many hazards the history's detection runs in the detectors' worker thread; below, a worker's start costs more than it saves. */
const AHEAD_FROM = 100_000

/**
 * The detectors' runs for the history's days. The history changes no hazard, so a day's run needs
 * nothing from the day before: on a large ledger each day's run but the first goes to the
 * detectors' worker thread as the day before is reconciled and acted on here (the two overlap; the
 * first runs here while the worker starts); on a small one, each runs in this thread when its day
 * comes.
 */
function detections(base: Services, days: readonly string[]): Detect {
  if (base.ledger.size < AHEAD_FROM) return (s, on, calendar) => detect(s, on, calendar, { inProcess: true })
  const started = new Map<string, Promise<DetectorRun>>()
  const start = (day: string | undefined, calendar: readonly SeasonEntry[]) => {
    if (day === undefined || started.has(day)) return
    const run = detect(base, day, calendar)
    run.catch(() => undefined) // awaited when its day comes; a seed failed before then must not leave it unhandled
    started.set(day, run)
  }
  return (s, on, calendar) => {
    start(days[days.indexOf(on) + 1], calendar)
    return started.get(on) ?? detect(s, on, calendar, { inProcess: true })
  }
}

/** Issues the demo's warnings and their history into a seeded store (server/seed/demo.ts calls it last). */
export async function seedWarnings(store: Store, asOf: string): Promise<DemoWarningsReport> {
  const base = demoServices(store, asOf)
  const report: DemoWarningsReport = { runs: 0, issued: 0, actions: 0 }
  const days = demoWarningDays(asOf)
  const actorFor = actors(base)
  const detectDay = detections(base, days)
  for (const day of days) {
    const s: Services = { ...base, today: () => day }
    const { issued } = await issueWarnings(s, day, detectDay)
    report.runs++
    report.issued += issued.length
    if (day === asOf) break
    // As the API would: the action, then its answer, the warning's detail (whose reading of a
    // confidential item is audited). The detail itself is not needed here.
    const act = (w: WarningRecord, input: WarningActionInput): boolean => {
      const actor = actorFor(w)
      if (!actor) return false
      auditDetailRead(s, actor, applyWarningAction(s, actor, w, input))
      report.actions++
      return true
    }
    const fresh = new Set(issued.map((w) => w.id))
    const warnings = store.warnings.list()
    // A day's actions commit together: each action's own transaction nests in it (a savepoint), so
    // thousands of actions cost one commit a day, not one each. Their events are published before
    // that commit, which nobody follows while the store is seeded.
    store.transaction(() => {
      // What was signed for before: responded to; what the engine proposes lifting: lifted; what came late: signed for now.
      for (const w of warnings) {
        if (fresh.has(w.id) || w.status === 'lifted') continue
        if (w.liftProposed && w.status === 'responding') act(w, { action: 'lift', note: LIFT_REASON })
        else if (w.status === 'acknowledged') act(w, { action: 'respond', note: responseNotes[w.detector], ...linkFor(s, actorFor(w), w) })
        else if (w.status === 'issued') act(w, { action: 'acknowledge' })
      }
      // The new ones: most signed for the day they come.
      issued.forEach((w, i) => {
        if ((i + 1) % LATE_EVERY !== 0) act(w, { action: 'acknowledge' })
      })
    })
  }
  return report
}

/** The first evidence hazard the responsible unit can read, linked to its response. */
function linkFor(s: Services, actor: ActingUser | null, w: WarningRecord): Pick<WarningActionInput, 'hazardIds'> {
  const readable = w.signal.evidence.find((id) => {
    const h = s.store.hazards.get(id)
    if (!h || !actor) return false
    if (actor.role === 'district') return h.districtId === actor.areaId
    return actor.role !== 'lead_unit' || h.leadUnit === actor.leadUnit
  })
  return readable === undefined ? {} : { hazardIds: [readable] }
}
