import pg from 'pg'
import { CHANGES_CHANNEL, type ChangeFeed } from '../store/postgres/change-feed'
import type { Hazard } from '../domain/schemas'
import type { Store } from '../store/types'
import type { Sequenced, Services } from './context'
import { LedgerIndex } from './ledger'
import { HazardColumns } from './ledger/columns'
import { GridLocator } from './locate'
import { Lru } from './lru'

/** Change-log entries read at a time while catching up. */
const BATCH = 500
/** More hazards changed than this are read by reloading the index (one COPY), not by id. */
const RELOAD_OVER = 10_000
/** The change log keeps a day; an instance that was away longer reloads its index. */
export const PRUNE_AFTER_MS = 24 * 3_600_000
/** How often an instance prunes the change log. */
const PRUNE_EVERY_MS = 3_600_000
/** Reconnection waits for the LISTEN connection: doubling from the first to the last. */
const BACKOFF_FIRST_MS = 100
const BACKOFF_MAX_MS = 10_000
/** Hazards whose last announced version is remembered: more than a burst of writes between two polls. */
const VERSIONS_KEPT = 20_000

/**
 * The ledger index and the seq it holds, read in one snapshot: no change is both in the index and
 * after the seq, or in neither.
 */
export function loadLedger(store: Store, feed: ChangeFeed): { ledger: LedgerIndex; seq: number } {
  return feed.snapshot((seq) => ({ ledger: new LedgerIndex(store.areas.list().map((a) => ({ ...a })), store.hazards.scanIndexed()), seq }))
}

export interface FollowOptions {
  /** the database, for the LISTEN connection (direct, never through a pooler: a pooler drops LISTEN) */
  url: string
  listen: boolean
  pollMs: number
}

const followers = new WeakMap<Services, Follower>()

/** The follower keeping these services in step with the database, if they have one. */
export function followerOf(s: Services): Follower | undefined {
  return followers.get(s)
}

/**
 * Keeps one instance's in-memory ledger index in step with the database it shares with other
 * instances (issue 16). It reads the change log after the last seq it applied, re-reads those
 * hazards by id and applies them as announce() would (the index and the live stream). Applying is
 * idempotent and order-free: a hazard whose index row and version are what this instance holds and
 * last announced (its own write, come back) changes nothing and is not announced again. It reads
 * on every NOTIFY of its LISTEN connection, on every (re)connection of it, and on a poll; the poll
 * alone keeps it correct, so LISTEN may be off. Behind the pruned horizon, on a hazard in a grid
 * cell it does not know (another instance changed the geography), or when more than RELOAD_OVER
 * hazards changed at once (a boundary move), it reloads the whole index in one snapshot instead.
 */
export class Follower {
  private client: pg.Client | undefined
  private listenerPid: number | undefined
  private stopped = false
  private pending = false
  private backoff = BACKOFF_FIRST_MS
  private readonly timers: NodeJS.Timeout[] = []
  private reconnecting: NodeJS.Timeout | undefined
  /** the version last announced of recently changed hazards (this instance's writes among them) */
  private readonly versions = new Lru<number, number>(VERSIONS_KEPT)
  private readonly seen = (e: Sequenced) => {
    if (e.type === 'hazard') this.versions.set(e.id, e.version)
  }
  /** how many times the index was reloaded (behind the horizon, or new geography) */
  reloads = 0

  constructor(
    private readonly s: Services,
    private readonly feed: ChangeFeed,
    /** the last seq applied to the index */
    public seq: number,
    private readonly options: FollowOptions,
  ) {
    followers.set(s, this)
    s.live.on('live', this.seen)
  }

  /** Starts polling and, unless turned off, listening; resolves once the first LISTEN connection was tried. */
  async start(): Promise<void> {
    const poll = setInterval(() => this.catchUp(), this.options.pollMs)
    const prune = setInterval(() => this.prune(), PRUNE_EVERY_MS)
    poll.unref()
    prune.unref()
    this.timers.push(poll, prune)
    if (this.options.listen) await this.connect()
  }

  /** The LISTEN connection's server process, while connected. */
  get listening(): number | undefined {
    return this.listenerPid
  }

  /**
   * Reads and applies every change after the last seq applied. Synchronous, like the store: it
   * runs between requests, never inside a write's transaction.
   */
  catchUp(): void {
    if (this.stopped) return
    try {
      for (;;) {
        const after = this.feed.changesAfter(this.seq, BATCH)
        if (after.stale) return this.reload()
        if (after.changes.length === 0) return
        const ids = new Set<number>()
        for (const c of after.changes) for (const id of c.hazardIds) ids.add(id)
        if (ids.size > RELOAD_OVER) return this.reload()
        if (!this.apply(this.s.store.hazards.getMany([...ids]))) return this.reload()
        this.seq = after.changes.at(-1)!.seq
        if (after.changes.length < BATCH) return
      }
    } catch (err) {
      // The database is away: the next poll tries again.
      console.error(`change feed: catching up from seq ${this.seq} failed: ${(err as Error).message}`)
    }
  }

  /** Stops polling and listening; the LISTEN connection's server process is gone when this returns. */
  stop(): void {
    if (this.stopped) return
    this.stopped = true
    for (const t of this.timers) clearInterval(t)
    clearTimeout(this.reconnecting)
    this.s.live.off('live', this.seen)
    const client = this.client
    const pid = this.listenerPid
    this.client = undefined
    this.listenerPid = undefined
    if (pid !== undefined) {
      try {
        this.feed.endSession(pid)
      } catch {
        // the database is already gone, and the connection with it
      }
    }
    client?.end().catch(() => undefined)
  }

  /** Applies re-read hazards; false when one lies in a grid cell the index does not know. */
  private apply(hazards: readonly Hazard[]): boolean {
    const { ledger, live } = this.s
    const fresh = new HazardColumns((areaId) => ledger.areas.gridOrd.get(areaId) ?? -1)
    let changed = false
    for (const h of hazards) {
      if (!ledger.areas.gridOrd.has(h.areaId)) return false
      fresh.upsert(h)
      const slot = ledger.columns.slotOf(h.id)
      if (slot !== undefined && this.versions.get(h.id) === h.version && sameRow(ledger.columns, slot, fresh, fresh.n - 1)) continue
      ledger.upsert(h)
      live.publish({
        type: 'hazard', id: h.id, status: h.status, version: h.version, level: h.level, escalated: h.escalated, areaId: h.areaId,
        villageId: h.villageId, districtId: h.districtId, category: h.category, item: h.item, kind: slot === undefined ? 'created' : 'changed',
      })
      changed = true
    }
    if (changed) live.publish({ type: 'stats' })
    return true
  }

  /** Replaces the index (and the geography read with it) from one snapshot, as a boundary import does. */
  private reload(): void {
    const { ledger, seq } = loadLedger(this.s.store, this.feed)
    ledger.version = this.s.ledger.version + 1
    this.s.ledger = ledger
    this.s.locator = new GridLocator(this.s.store.areas.list('grid'))
    this.s.geography.invalidate()
    this.seq = seq
    this.reloads++
    this.s.live.publish({ type: 'stats' })
  }

  private prune(): void {
    try {
      this.feed.prune(PRUNE_AFTER_MS)
    } catch (err) {
      console.error(`change feed: pruning failed: ${(err as Error).message}`)
    }
  }

  /** Wakes a catch-up soon, once however many notifications arrive together. */
  private wake(): void {
    if (this.pending || this.stopped) return
    this.pending = true
    setImmediate(() => {
      this.pending = false
      this.catchUp()
    })
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: 'pingan-follow' })
    // A dropped connection ends the client ('end' below); its error needs a listener so it is not thrown.
    client.on('error', () => undefined)
    client.on('notification', () => this.wake())
    client.on('end', () => {
      if (this.client !== client) return
      this.client = undefined
      this.listenerPid = undefined
      this.reconnectLater()
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANGES_CHANNEL}`)
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid
      if (this.stopped) return void client.end().catch(() => undefined)
      this.client = client
      this.listenerPid = pid
      this.backoff = BACKOFF_FIRST_MS
      // What was committed while no one listened.
      this.wake()
    } catch (err) {
      client.end().catch(() => undefined)
      console.error(`change feed: LISTEN connection failed (${(err as Error).message}); polling meanwhile`)
      this.reconnectLater()
    }
  }

  private reconnectLater(): void {
    if (this.stopped) return
    const wait = this.backoff
    this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS)
    this.reconnecting = setTimeout(() => void this.connect(), wait)
    this.reconnecting.unref()
  }
}

/** Whether two index rows say the same (site ordinals are each table's own: compared by site id). */
function sameRow(a: HazardColumns, i: number, b: HazardColumns, j: number): boolean {
  return a.id[i] === b.id[j] && a.grid[i] === b.grid[j] && a.item[i] === b.item[j] && a.status[i] === b.status[j] &&
    a.level[i] === b.level[j] && a.source[i] === b.source[j] && a.escalated[i] === b.escalated[j] &&
    a.discovered[i] === b.discovered[j] && a.deadline[i] === b.deadline[j] && a.closed[i] === b.closed[j] &&
    a.campaign[i] === b.campaign[j] && a.lon[i] === b.lon[j] && a.lat[i] === b.lat[j] && a.reportDelay[i] === b.reportDelay[j] &&
    a.reported[i] === b.reported[j] && a.rectified[i] === b.rectified[j] && a.sites.idOf(a.site[i]!) === b.sites.idOf(b.site[j]!)
}
