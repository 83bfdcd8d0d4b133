import { ledgerNow } from '../hazard-times'
import { categoryById, itemById } from '../../domain/categories'
import { addDays, toDay } from '../../domain/days'
import { seesDetails } from '../../domain/roles'
import type { User } from '../../domain/schemas'
import { moreSevere, severer, warningLevelNames } from '../../domain/warnings/lifecycle'
import {
  BIN_DAYS, type DetectorRun, RULES_VERSION, type Responsible, type SeasonEntry, type Signal, internalNoticeCategories, responseDays,
} from '../../domain/warnings/model'
import type { NewWarningAction, WarningNotice, WarningPatch, WarningRecord } from '../../store/types'
import { audit } from '../audit'
import type { LiveEvent, Services } from '../context'
import { calendarOf } from './calendar'
import { engineState } from './engine-state'
import { detect as detectInWorker } from './run'
import { areaView, isGeneralised } from './views'

/**
 * The warning engine (issue 14): runs the detectors as of a day and reconciles their findings with
 * the warnings on record, in one transaction — a finding already warned refreshes its warning, a new
 * one is issued (编号, responsible unit, response deadline, audit row, notifications), and a warning
 * whose detector has been quiet for two half-months is proposed for lifting. Idempotent: the same
 * as-of twice issues nothing new.
 */

/** Runs every detector as of a day (services/warnings/run.ts: off the event loop). */
export type Detect = (s: Services, asOf: string, calendar: readonly SeasonEntry[]) => Promise<DetectorRun>

/** Quiet this many days (two bins) and a warning is proposed for lifting. */
export const QUIET_DAYS = 2 * BIN_DAYS

export interface IssueReport {
  asOf: string
  issued: WarningRecord[]
  /** warnings whose detector fired again at a higher level */
  raised: WarningRecord[]
  /** warnings proposed for lifting */
  proposed: WarningRecord[]
}

const SYSTEM = { username: 'system' }

/** Whether an account is one of the unit's that must respond: a lead unit's, or a district's. */
const speaksAs = (u: User, r: Responsible) => (r.kind === 'lead_unit' ? u.role === 'lead_unit' && u.leadUnit === r.id : u.role === 'district' && u.areaId === r.id)

/** The accounts of the unit that must respond, in the store's order. */
export function accountsOf(s: Services, r: Responsible): User[] {
  return s.store.users.list().filter((u) => speaksAs(u, r))
}

/**
 * accountsOf over one read of the accounts, each unit's kept: for a run that notifies many units
 * (and the seed's history), where reading every account again for each warning cost most of the
 * run. The accounts must not change while it is in use.
 */
export function accountsByUnit(s: Services): (r: Responsible) => User[] {
  let users: User[] | undefined
  const kept = new Map<string, User[]>()
  return (r) => {
    const key = `${r.kind}:${r.id}`
    let found = kept.get(key)
    if (!found) {
      users ??= s.store.users.list()
      kept.set(key, (found = users.filter((u) => speaksAs(u, r))))
    }
    return found
  }
}

/**
 * The 编号 of the warnings a run issues, YJ-YYYY-NNNN: the year's highest number is read once, then
 * counted on. Safe inside the run's transaction only: SQLite has one writer, and in PostgreSQL the
 * run holds the reconciliation's lock (latestByKey) and nothing else issues warnings.
 */
function numbering(s: Services): (year: string) => string {
  const last = new Map<string, number>()
  return (year) => {
    const n = (last.get(year) ?? s.store.warnings.lastNumber(year)) + 1
    last.set(year, n)
    return `YJ-${year}-${String(n).padStart(4, '0')}`
  }
}

/**
 * What a warning is about, as one account may read it: its item where cleared, else its category
 * only (a confidential item is never named to the uncleared).
 */
function subjectFor(u: User, w: WarningRecord): string {
  if (!w.category) return '各类'
  const reader = { role: u.role, areaId: u.areaId ?? undefined, leadUnit: u.leadUnit ?? undefined }
  if (w.item && !isGeneralised(reader, w) && seesDetails(reader, w.category, w.item)) return itemById.get(w.item)?.name.zh ?? w.item
  return categoryById[w.category].name.zh
}

/** In-app notifications of a new warning for every account of its responsible unit; the stream messages to publish after commit. */
function notifyIssued(s: Services, w: WarningRecord, at: string, accounts: (r: Responsible) => User[], batch: Batch): LiveEvent[] {
  return accounts(w.responsible).map((u) => {
    const reader = { role: u.role, areaId: u.areaId ?? undefined, leadUnit: u.leadUnit ?? undefined }
    const area = areaView(s, isGeneralised(reader, w) && (w.area.kind === 'cells' || w.area.kind === 'site') ? { kind: 'village', id: w.area.villageId, districtId: w.area.districtId } : w.area)
    const notice = w.category && internalNoticeCategories.includes(w.category) ? '（内部风险提示）' : ''
    const message = `${warningLevelNames[w.level].zh}预警 ${w.code}${notice}：${area.name} ${subjectFor(u, w)}，请于 ${w.responseDeadline} 前签收处置`
    batch.notices.push({ username: u.username, warningId: w.id, message, createdAt: at })
    return { type: 'notification' as const, username: u.username, hazardId: null, warningId: w.id, message }
  })
}

/**
 * The rows a run writes at its end, each kind in one go, in the order the run made them (so the
 * same as written one by one): on PostgreSQL a round trip each, not one a row. Nothing in the run
 * reads them back.
 */
interface Batch {
  /** warnings whose last firing moves to the run's day */
  fired: number[]
  actions: NewWarningAction[]
  notices: WarningNotice[]
}

/** A warning's announcement on the stream: readers in reach refetch it; the wall refetches its summary. */
export const warningEvent = (w: WarningRecord, kind: 'issued' | 'changed'): LiveEvent => ({
  type: 'warning', id: w.id, kind, level: w.level, status: w.status, area: w.area, category: w.category, responsible: w.responsible,
})

interface Outcome extends IssueReport {
  events: LiveEvent[]
}

/** The reconciliation, in the caller's transaction. */
function reconcile(s: Services, run: DetectorRun): Outcome {
  const asOf = run.asOf
  // Stamped on the day it is as of (the clock's time of day), so a run for a past day reads as of then.
  const at = new Date(ledgerNow({ today: () => asOf })).toISOString()
  const out: Outcome = { asOf, issued: [], raised: [], proposed: [], events: [] }
  const store = s.store.warnings
  const latest = store.latestByKey()
  const fired = new Set<string>()
  const quietFor = (w: WarningRecord) => toDay(asOf) - toDay(w.lastFiredOn)
  const accounts = accountsByUnit(s)
  const codeOf = numbering(s)
  const batch: Batch = { fired: [], actions: [], notices: [] }
  for (const sig of run.signals) {
    if (fired.has(sig.key)) continue
    fired.add(sig.key)
    const w = latest.get(sig.key)
    if (w && w.status !== 'lifted') {
      const raised = refresh(s, w, sig, asOf, at, batch)
      if (raised) {
        out.raised.push(raised)
        out.events.push(warningEvent(raised, 'changed'))
      }
      continue
    }
    // A lifted finding that goes on firing stays lifted (the unit judged it); it is issued anew
    // only after a quiet spell or at a higher level than it was lifted at.
    if (w && quietFor(w) < QUIET_DAYS && !moreSevere(sig.level, w.level)) {
      if (asOf > w.lastFiredOn) batch.fired.push(w.id)
      continue
    }
    const issued = issue(s, sig, asOf, at, codeOf(asOf.slice(0, 4)), batch)
    out.issued.push(issued)
    out.events.push(warningEvent(issued, 'issued'), ...notifyIssued(s, issued, at, accounts, batch))
  }
  for (const w of latest.values()) {
    if (w.status === 'lifted' || w.liftProposed || fired.has(w.key) || quietFor(w) < QUIET_DAYS) continue
    store.update(w.id, { liftProposed: true })
    batch.actions.push({ warningId: w.id, at, on: asOf, actor: 'system', action: 'propose_lift', fromLevel: null, toLevel: null, note: `${quietFor(w)} 天未再触发`, hazardIds: [], inspectionIds: [] })
    audit(s, SYSTEM, 'warning.propose_lift', w.code)
    const proposed: WarningRecord = { ...w, liftProposed: true }
    out.proposed.push(proposed)
    out.events.push(warningEvent(proposed, 'changed'))
  }
  store.markFired(batch.fired, asOf)
  store.addActions(batch.actions)
  store.notifyMany(batch.notices)
  return out
}

function issue(s: Services, sig: Signal, asOf: string, at: string, code: string, batch: Batch): WarningRecord {
  const w = s.store.warnings.insert({
    code, key: sig.key, detector: sig.detector, level: sig.level, detectedLevel: sig.level, status: 'issued',
    category: sig.category, item: sig.item, area: sig.area, signal: sig, ruleId: sig.ruleId, ruleVersion: RULES_VERSION,
    responsible: sig.responsible, issuedAt: at, issuedOn: asOf, responseDeadline: addDays(asOf, responseDays[sig.level]), lastFiredOn: asOf,
  })
  batch.actions.push({ warningId: w.id, at, on: asOf, actor: 'system', action: 'issue', fromLevel: null, toLevel: sig.level, note: null, hazardIds: [], inspectionIds: [] })
  audit(s, SYSTEM, 'warning.issue', w.code)
  return w
}

/**
 * An open warning whose detector fired again: its last firing moves forward; a higher level raises
 * the detected level (and the level, when a user had not set it higher) with a `refire` action; a
 * lift proposal is withdrawn. Returns the warning when it visibly changed.
 */
function refresh(s: Services, w: WarningRecord, sig: Signal, asOf: string, at: string, batch: Batch): WarningRecord | undefined {
  const store = s.store.warnings
  const rose = moreSevere(sig.level, w.detectedLevel)
  const fired: WarningPatch = asOf > w.lastFiredOn ? { lastFiredOn: asOf } : {}
  if (!rose && !w.liftProposed) {
    if (fired.lastFiredOn) batch.fired.push(w.id)
    return undefined
  }
  const level = rose ? severer(w.level, sig.level) : w.level
  const patch: WarningPatch = { ...fired, ...(rose ? { detectedLevel: sig.level, level, signal: sig, ruleId: sig.ruleId, ruleVersion: RULES_VERSION } : {}), liftProposed: false }
  store.update(w.id, patch)
  batch.actions.push({
    warningId: w.id, at, on: asOf, actor: 'system', action: 'refire', fromLevel: rose ? w.level : null, toLevel: rose ? level : null,
    note: rose ? null : '检测再次触发，撤回解除建议', hazardIds: [], inspectionIds: [],
  })
  audit(s, SYSTEM, 'warning.refire', w.code)
  return { ...w, ...patch }
}

/** Publishes what a committed run or action changed. */
export function publishAll(s: Services, events: readonly LiveEvent[]): void {
  for (const e of events) s.live.publish(e)
}

/**
 * Runs the detectors as of a day (today by default) with the calendar in force and reconciles their
 * findings in one transaction; publishes notifications and changes once it has committed.
 */
export async function issueWarnings(s: Services, asOf: string = s.today(), detect: Detect = detectInWorker): Promise<IssueReport> {
  const run = await detect(s, asOf, calendarOf(s).entries)
  const { events, ...report } = s.store.transaction(() => reconcile(s, { ...run, asOf }))
  const state = engineState(s)
  state.computedAt = new Date().toISOString()
  state.asOf = asOf
  state.persistent = run.persistent
  publishAll(s, events)
  return report
}

// ---------------------------------------------------------------------------------------------
// When it runs

/** How long after a hazard write the detectors run (writes in a burst make one run). */
export const DEBOUNCE_MS = 5000
/** Writes coming faster than the debounce postpone a run no longer than this. */
export const MAX_WAIT_MS = 30_000
/** How often the China date is checked. */
const DATE_CHECK_MS = 60_000

/**
 * Runs the engine at start (without holding up the listen), after hazard writes (debounced, never
 * two runs at once: a request during a run makes one more after it) and when the day changes.
 * Returns its stop.
 */
export function startWarningEngine(s: Services, detect: Detect = detectInWorker, debounceMs = DEBOUNCE_MS, maxWaitMs = MAX_WAIT_MS): () => void {
  let running = false
  let again = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let day = s.today()
  let stopped = false
  const run = async (): Promise<void> => {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = true
    try {
      day = s.today()
      await issueWarnings(s, day, detect)
    } catch (err) {
      console.error('warnings: the detectors’ run failed', err)
    } finally {
      running = false
      if (again && !stopped) {
        again = false
        void run()
      }
    }
  }
  /** when the run now waited for was first asked for: a steady stream of writes postpones it at most maxWaitMs */
  let pendingSince: number | undefined
  const soon = (ms: number) => {
    const now = Date.now()
    pendingSince ??= now
    clearTimeout(timer)
    timer = setTimeout(() => {
      pendingSince = undefined
      void run()
    }, Math.max(0, Math.min(ms, pendingSince + maxWaitMs - now)))
  }
  const onLive = (e: { type: string }) => {
    if (e.type === 'hazard') soon(debounceMs)
  }
  s.live.on('live', onLive)
  const daily = setInterval(() => {
    if (s.today() !== day) soon(0)
  }, DATE_CHECK_MS)
  daily.unref()
  soon(0)
  return () => {
    stopped = true
    clearTimeout(timer)
    clearInterval(daily)
    s.live.off('live', onLive)
  }
}
