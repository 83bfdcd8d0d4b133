import pg from 'pg'
import { CHANGES_CHANNEL, type Change, type ChangeFeed } from '../store/postgres/change-feed'
import { type SessionCache, sessionCacheOf } from '../store/postgres/session-cache'
import type { Hazard } from '../domain/schemas'
import type { Store } from '../store/types'
import type { LiveEvent, Services } from './context'
import { LedgerIndex } from './ledger'
import { CLOSED } from './ledger/codes'
import { HazardColumns } from './ledger/columns'
import { filterMap, sameRow } from './follow-rows'
import { GridLocator } from './locate'
import { Lru } from './lru'
import { warningEvent } from './warnings/engine'

/** Change-log entries read at a time while catching up. */
const BATCH = 500
/** More hazards changed than this are read by reloading the index (one COPY), not by id. */
const RELOAD_OVER = 10_000
/** Own changes remembered for numbering their events: far more than one request's. */
const OWN_KEPT = 10_000
/** The change log keeps a day; an instance that was away longer reloads its index. */
export const PRUNE_AFTER_MS = 24 * 3_600_000
/** How often an instance prunes the change log. */
const PRUNE_EVERY_MS = 3_600_000
/** Reconnection waits for the LISTEN connection: doubling from the first to the last. */
const BACKOFF_FIRST_MS = 100
const BACKOFF_MAX_MS = 10_000

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
 * Keeps one instance's in-memory ledger index and live stream in step with the database it shares
 * with other instances (issue 16). It reads the change log after the last seq it applied. Others'
 * changes it re-reads by id (hazards, notifications, warnings) and applies as announce() would: the
 * index, and the stream's events numbered by the change's seq, so every instance numbers its stream
 * alike. Its own changes (the entry's origin is its store's) were announced when they were made:
 * it only moves the stream's seq past them, and the bus numbers each local event after the change
 * that caused it by calling catchUp first (LiveBus.sync). Applying is idempotent and order-free.
 * It reads on every NOTIFY of its LISTEN connection, on every (re)connection of it, and on a poll;
 * the poll alone keeps it correct, so LISTEN may be off. Behind the pruned horizon, on a change of
 * the geography by another program, on a hazard in a grid cell it does not know, or when more than
 * RELOAD_OVER hazards changed at once (a boundary move), it reloads the whole index in one snapshot.
 */
export class Follower {
  private client: pg.Client | undefined
  private listenerPid: number | undefined
  private stopped = false
  private pending = false
  private reading = false
  /** the seq of this instance's own latest change of a hazard or warning (`hazards:7`), and of its latest notifications */
  private readonly own = new Lru<string, number>(OWN_KEPT)
  private backoff = BACKOFF_FIRST_MS
  private readonly timers: NodeJS.Timeout[] = []
  private reconnecting: NodeJS.Timeout | undefined
  /** how many times the index was reloaded (behind the horizon, or new geography) */
  reloads = 0
  /** the store's sessions cached in this instance, trusted while this reads the feed (session-cache.ts) */
  private readonly sessions: SessionCache | undefined

  constructor(
    private readonly s: Services,
    private readonly feed: ChangeFeed,
    /** the last seq applied to the index */
    public seq: number,
    private readonly options: FollowOptions,
  ) {
    followers.set(s, this)
    this.sessions = sessionCacheOf(s.store)
    s.live.restart(seq)
    s.live.numbering = {
      numberOf: (event) => {
        this.catchUp(true)
        if (event.type === 'hazard') return this.own.get(`hazards:${event.id}`)
        if (event.type === 'warning') return this.own.get(`warnings:${event.id}`)
        if (event.type === 'notification') return this.own.get('notifications')
        return undefined
      },
      catchUp: () => this.catchUp(),
    }
  }

  /** Starts polling and, unless turned off, listening; resolves once the first LISTEN connection was tried. */
  async start(): Promise<void> {
    this.sessions?.follow(() => this.catchUp(), this.options.pollMs)
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
   * runs between requests or just before a local event is numbered, never inside a transaction
   * (changes not yet committed are not read). Before a local event (`toOwn`) it stops after this
   * instance's last own change: others' later changes are published after the local events, with
   * their higher seqs, so the stream's seqs only grow.
   */
  catchUp(toOwn = false): void {
    // Re-entered from a listener of an event it publishes: the outer call goes on reading.
    if (this.stopped || this.feed.inTransaction || this.reading) return
    this.reading = true
    try {
      for (;;) {
        const readAt = Date.now()
        const after = this.feed.changesAfter(this.seq, BATCH)
        if (after.stale) return this.reload()
        const all = after.changes
        const changes = toOwn ? all.slice(0, all.findLastIndex((c) => c.origin === this.feed.origin) + 1 || (all.length === BATCH ? BATCH : 0)) : all
        if (changes.length && !this.applyAll(changes)) return this.reload()
        if (changes.length < BATCH) {
          // At the head: every session ended before readAt is forgotten, so the cache may answer a while.
          if (changes.length === all.length) this.sessions?.confirm(readAt + 2 * this.options.pollMs)
          return
        }
      }
    } catch (err) {
      // The database is away: the next poll tries again; meanwhile sessions are read from it (or refused).
      this.sessions?.distrust()
      console.error(`change feed: catching up from seq ${this.seq} failed: ${(err as Error).message}`)
    } finally {
      this.reading = false
    }
  }

  /** Stops polling and listening; the LISTEN connection's server process is gone when this returns. */
  stop(): void {
    if (this.stopped) return
    this.stopped = true
    for (const t of this.timers) clearInterval(t)
    clearTimeout(this.reconnecting)
    this.sessions?.follow(undefined)
    this.sessions?.distrust()
    this.s.live.numbering = undefined
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

  /**
   * Applies a batch of changes in seq order; false when the index must be reloaded instead. The
   * hazards of the whole batch are read at once, as they are now: a hazard changed by several
   * entries is announced once, at its last, with what all of them did (created, closed, escalated).
   */
  private applyAll(changes: readonly Change[]): boolean {
    const { ledger, live } = this.s
    const theirs = changes.filter((c) => c.origin !== this.feed.origin)
    if (theirs.some((c) => c.subject === 'geography')) return false
    const hazardIds = new Set<number>()
    for (const c of changes) if (c.subject === 'hazards') for (const id of c.ids) hazardIds.add(id)
    if (hazardIds.size > RELOAD_OVER) return false
    const hazards = new Map(this.s.store.hazards.getMany([...hazardIds]).map((h) => [h.id, h]))
    for (const h of hazards.values()) if (!ledger.areas.gridOrd.has(h.areaId)) return false
    // What others' changes say, read before the index takes them: created or not, closed, escalated.
    const last = new Map<number, number>()
    for (const c of changes) if (c.subject === 'hazards') for (const id of c.ids) last.set(id, c.seq)
    const events = new Map<number, LiveEvent[]>()
    for (const c of theirs) events.set(c.seq, this.eventsOf(c, c.subject === 'hazards' ? filterMap(hazards, c.ids, (id) => last.get(id) === c.seq) : hazards))
    const fresh = new HazardColumns((areaId) => ledger.areas.gridOrd.get(areaId) ?? -1)
    for (const h of hazards.values()) {
      fresh.upsert(h)
      const slot = ledger.columns.slotOf(h.id)
      if (slot === undefined || !sameRow(ledger.columns, slot, fresh, fresh.n - 1)) ledger.upsert(h)
    }
    for (const c of changes) {
      // From any origin (own too: cheap, and safe whatever wrote them); no event, the stream's seq just moves.
      if (c.subject === 'accounts') this.sessions?.forgetUsers(c.ids)
      else if (c.origin === this.feed.origin) {
        if (c.subject === 'notifications') this.own.set('notifications', c.seq)
        else for (const id of c.ids) this.own.set(`${c.subject.split('.')[0]}:${id}`, c.seq)
      }
      const mine = events.get(c.seq)
      if (!mine?.length) {
        live.advance(c.seq)
        continue
      }
      for (const e of mine) live.publishAt(c.seq, e)
      if (c.subject === 'hazards') live.publishAt(c.seq, { type: 'stats' })
    }
    this.seq = changes.at(-1)!.seq
    return true
  }

  /** The stream's events of another instance's change, as that instance announced them. */
  private eventsOf(c: Change, hazards: ReadonlyMap<number, Hazard>): LiveEvent[] {
    if (c.subject === 'accounts') return []
    if (c.subject === 'notifications')
      return this.feed.notifications(c.ids).map((n) => ({ type: 'notification', username: n.username, hazardId: n.hazardId, message: n.message, ...(n.warningId !== null ? { warningId: n.warningId } : {}) }))
    if (c.subject === 'warnings.issued' || c.subject === 'warnings.changed')
      return c.ids.flatMap((id) => {
        const w = this.s.store.warnings.get(id)
        return w ? [warningEvent(w, c.subject === 'warnings.issued' ? 'issued' : 'changed')] : []
      })
    const { columns } = this.s.ledger
    return c.ids.flatMap((id): LiveEvent[] => {
      const h = hazards.get(id)
      if (!h) return []
      const slot = columns.slotOf(id)
      const closed = h.status === 'closed' && (slot === undefined || columns.status[slot] !== CLOSED)
      const escalated = h.escalated && (slot === undefined || columns.escalated[slot] === 0)
      return [{
        type: 'hazard', id: h.id, status: h.status, version: h.version, level: h.level, escalated: h.escalated, areaId: h.areaId,
        villageId: h.villageId, districtId: h.districtId, category: h.category, item: h.item, kind: slot === undefined ? 'created' : 'changed',
        // The steps the wall counts; others it does not need to be told.
        ...(closed ? { action: 'verify' } : escalated ? { action: 'escalate' } : {}),
      }]
    })
  }

  /** Replaces the index (and the geography read with it) from one snapshot, as a boundary import does. */
  private reload(): void {
    const { ledger, seq } = loadLedger(this.s.store, this.feed)
    ledger.version = this.s.ledger.version + 1
    // Accounts' changes before the snapshot's seq will not be read: forget every session.
    this.sessions?.forgetAll()
    this.s.ledger = ledger
    this.s.locator = new GridLocator(this.s.store.areas.list('grid'))
    this.s.geography.invalidate()
    this.seq = seq
    this.reloads++
    // Clients behind this seq reload what they show; those who were here get the figures again.
    this.s.live.restart(seq)
    this.s.live.publishAt(seq, { type: 'stats' })
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
