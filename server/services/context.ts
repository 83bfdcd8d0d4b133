import { EventEmitter } from 'node:events'
import type { Env } from '../env'
import type { Store } from '../store/types'
import type { GeographyCache } from './geography'
import type { LedgerIndex } from './ledger'
import type { GridLocator } from './locate'

/** What changed, as the stream announces it; each client gets only what its role may see. */
export type LiveEvent =
  | { type: 'hazard'; id: number; status: string; version: number; villageId: string; districtId: string; category: string; item: string; kind: 'created' | 'changed' }
  | { type: 'stats' }
  | { type: 'notification'; username: string; hazardId: number; message: string }

export class LiveBus extends EventEmitter<{ live: [LiveEvent & { seq: number }] }> {
  private seq = 0
  publish(event: LiveEvent): void {
    this.emit('live', { ...event, seq: ++this.seq })
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
