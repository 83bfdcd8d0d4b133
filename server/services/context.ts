import { EventEmitter } from 'node:events'
import type { CategoryId } from '../domain/categories'
import type { RiskLevel } from '../domain/levels'
import type { Status } from '../domain/statuses'
import type { Responsible, SignalArea, WarningLevel, WarningStatus } from '../domain/warnings/model'
import type { Env } from '../env'
import type { Store } from '../store/types'
import type { GeographyCache } from './geography'
import type { LedgerIndex } from './ledger'
import type { GridLocator } from './locate'

/** What changed, as the stream announces it; each client gets only what its role may see. */
export type LiveEvent =
  | {
      type: 'hazard'; id: number; status: Status; version: number; level: RiskLevel | null; escalated: boolean
      areaId: string; villageId: string; districtId: string; category: CategoryId; item: string; kind: 'created' | 'changed'
      /** the lifecycle step that made a change (assess, verify, escalate …), so an escalation is told once */
      action?: string
    }
  | { type: 'stats' }
  | { type: 'notification'; username: string; hazardId: number | null; message: string; warningId?: number }
  /** a warning (预警) was issued or changed: readers in reach refetch it, the wall its summary */
  | {
      type: 'warning'; id: number; kind: 'issued' | 'changed'; level: WarningLevel; status: WarningStatus
      area: SignalArea; category: CategoryId | null; responsible: Responsible
    }

export type Sequenced = LiveEvent & { seq: number }

/** How a follower numbers this instance's own events by the change log (server/services/follow.ts). */
export interface LiveNumbering {
  /**
   * Reads the change log up to this instance's last own change, and gives the seq of the change
   * that made `event` (its hazard's, warning's or notification's own entry), or undefined when none.
   */
  numberOf(event: LiveEvent): number | undefined
  /** Reads the change log up to now (before a replay). */
  catchUp(): void
}

/**
 * Announces changes to every open stream, and keeps the last few so a reconnecting client catches up.
 *
 * Alone (SQLite), the bus numbers its events itself, one seq each. On a shared database
 * (PostgreSQL) the seqs are the change log's, the same on every instance, so a client reconnecting
 * to another instance resumes from its last event id, with nothing missed and nothing told twice:
 * the follower publishes what other instances wrote at the seq that logged it (`publishAt`), and a
 * local event of a kind the log carries is numbered by the entry of the change that caused it
 * (`numbering`), read before any later change of another instance is published. Events of kinds
 * the log does not carry (`stats`) take the current seq.
 */
export class LiveBus extends EventEmitter<{ live: [Sequenced] }> {
  private seq: number
  /** the buffer holds every event after this seq: older ones were dropped (or never seen) */
  private from: number
  private readonly recent: Sequenced[] = []
  /** the seq of the last event published */
  private told = 0
  /** set by a follower */
  numbering: LiveNumbering | undefined

  constructor(private readonly keep = 1000, start = 0) {
    super()
    this.setMaxListeners(0)
    this.seq = start
    this.from = start
  }

  publish(event: LiveEvent): void {
    if (!this.numbering) return this.push({ ...event, seq: ++this.seq })
    const own = event.type === 'stats' ? undefined : this.numbering.numberOf(event)
    // Never below the last event told: an event whose change logged nothing (or long ago) takes its place.
    this.push({ ...event, seq: Math.max(this.told, Math.min(own ?? this.seq, this.seq)) })
  }

  /** A followed change's event, numbered by the change log (never below the last seq). */
  publishAt(seq: number, event: LiveEvent): void {
    this.seq = Math.max(this.seq, seq)
    this.push({ ...event, seq: this.seq })
  }

  /** Moves the seq on without an event: changes this instance announced when it made them. */
  advance(seq: number): void {
    this.seq = Math.max(this.seq, seq)
  }

  /** Starts again from a seq after the index was reloaded: clients behind it reload too. */
  restart(seq: number): void {
    this.recent.length = 0
    this.seq = seq
    this.from = seq
    this.told = seq
  }

  /** Events after `seq`, or undefined when they are no longer kept (the client must reload). */
  since(seq: number): Sequenced[] | undefined {
    this.numbering?.catchUp()
    if (seq === this.seq) return []
    // Ahead of this bus: the server restarted (SQLite), or the database was replaced.
    if (seq > this.seq) return undefined
    if (seq < this.from) return undefined
    return this.recent.filter((e) => e.seq > seq)
  }

  get lastSeq(): number {
    return this.seq
  }

  private push(sequenced: Sequenced): void {
    this.told = sequenced.seq
    this.recent.push(sequenced)
    if (this.recent.length > this.keep) this.from = this.recent.shift()!.seq
    this.emit('live', sequenced)
  }
}

/** Everything a request handler may use, built once at start. */
export interface Services {
  env: Env
  store: Store
  ledger: LedgerIndex
  live: LiveBus
  geography: GeographyCache
  locator: GridLocator
  /** the ledger's "today" (YYYY-MM-DD): the pinned AS_OF or the date in China */
  today(): string
}
