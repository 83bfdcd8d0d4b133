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

/** Announces changes to every open stream, and keeps the last few so a reconnecting client catches up. */
export class LiveBus extends EventEmitter<{ live: [Sequenced] }> {
  private seq = 0
  private readonly recent: Sequenced[] = []

  constructor(private readonly keep = 1000) {
    super()
    this.setMaxListeners(0)
  }

  publish(event: LiveEvent): void {
    const sequenced = { ...event, seq: ++this.seq }
    this.recent.push(sequenced)
    if (this.recent.length > this.keep) this.recent.shift()
    this.emit('live', sequenced)
  }

  /** Events after `seq`, or undefined when they are no longer kept (the client must reload). */
  since(seq: number): Sequenced[] | undefined {
    if (seq >= this.seq) return []
    const first = this.recent[0]
    if (!first || first.seq > seq + 1) return undefined
    return this.recent.filter((e) => e.seq > seq)
  }

  get lastSeq(): number {
    return this.seq
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
