import type { CategoryId } from '../../domain/categories'
import type { Responsible, SeasonEntry, Signal, SignalArea, WarningLevel, WarningStatus } from '../../domain/warnings/model'

/**
 * A warning (预警) as stored: the finding as issued (its Signal), who must respond, and where its
 * lifecycle stands now. Days are YYYY-MM-DD (the ledger's days), instants ISO text in UTC.
 */
export interface WarningRecord {
  id: number
  /** 编号 YJ-YYYY-NNNN */
  code: string
  /** the finding's key (detector, area, category, item): one open warning per key */
  key: string
  detector: Signal['detector']
  level: WarningLevel
  detectedLevel: WarningLevel
  status: WarningStatus
  category: CategoryId | null
  item: string | null
  area: SignalArea
  signal: Signal
  ruleId: string
  ruleVersion: string
  responsible: Responsible
  issuedAt: string
  issuedOn: string
  responseDeadline: string
  lastFiredOn: string
  liftProposed: boolean
  liftedAt: string | null
  liftReason: string | null
}

export type NewWarning = Omit<WarningRecord, 'id' | 'liftProposed' | 'liftedAt' | 'liftReason'>

/** What a warning's row changes to after an action or a run (only the fields given). */
export type WarningPatch = Partial<Pick<WarningRecord, 'level' | 'detectedLevel' | 'status' | 'signal' | 'ruleId' | 'ruleVersion' | 'lastFiredOn' | 'liftProposed' | 'liftedAt' | 'liftReason'>>

/** The system's actions beside the users' (domain/warnings/model.ts warningActionIds). */
export type WarningActionKind = 'issue' | 'refire' | 'propose_lift' | 'acknowledge' | 'respond' | 'note' | 'link' | 'raise' | 'lower' | 'lift'

export interface WarningActionRecord {
  id: number
  warningId: number
  at: string
  /** the ledger's day it happened (the pinned AS_OF, or the date in China) */
  on: string
  actor: string
  action: WarningActionKind
  fromLevel: WarningLevel | null
  toLevel: WarningLevel | null
  note: string | null
  hazardIds: number[]
  inspectionIds: number[]
}

export type NewWarningAction = Omit<WarningActionRecord, 'id'>

/** A notification naming a warning, for one account. */
export interface WarningNotice {
  username: string
  warningId: number
  message: string
  createdAt: string
}

export interface WarningCalendarRecord {
  version: number
  entries: SeasonEntry[]
  reason: string
  updatedBy: string
  updatedAt: string
}

export interface WarningStore {
  insert(row: NewWarning): WarningRecord
  get(id: number): WarningRecord | undefined
  /** Every warning, oldest first (a town has hundreds a year, not millions); the rows are shared: do not change them. */
  list(): WarningRecord[]
  /** The newest warning of each key (open or lifted): what a run reconciles against. */
  latestByKey(): Map<string, WarningRecord>
  /** Changes a warning's row; false when it is gone. */
  update(id: number, patch: WarningPatch): boolean
  /** The highest number given this year (NNNN of YJ-YYYY-NNNN), 0 when none. */
  lastNumber(year: string): number
  addAction(row: NewWarningAction): WarningActionRecord
  /** Several actions in one go, in the order given (their ids follow it): a run's, written at its end. */
  addActions(rows: readonly NewWarningAction[]): void
  /** Moves each warning's last firing to a day, in one go: the warnings a run's findings fired again. */
  markFired(ids: readonly number[], day: string): void
  /** A warning's actions, oldest first. */
  actions(warningId: number): WarningActionRecord[]
  /** Every action on or before a day (the ledger's), oldest first: the states as they stood then. */
  actionsUntil(day: string): WarningActionRecord[]
  /** A notification naming a warning, for one account. */
  notify(row: WarningNotice): void
  /** Several notifications in one go, in the order given. */
  notifyMany(rows: readonly WarningNotice[]): void
  calendar(): WarningCalendarRecord | undefined
  saveCalendar(row: Omit<WarningCalendarRecord, 'version'>): WarningCalendarRecord
}
