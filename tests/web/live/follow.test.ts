import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CallError } from '../../../web/api/client'
import { LIVE_DEBOUNCE_MS, REOPEN_MS, type StreamLike, followStream } from '../../../web/live/useLiveUpdates'
import { useLiveStore } from '../../../web/stores/live'

const CONNECTING = 0
const OPEN = 1
const CLOSED = 2

/** Stands in for the browser's EventSource: the test emits what the server would send. */
class FakeStream implements StreamLike {
  readyState = CONNECTING
  closed = false
  private readonly listeners = new Map<string, Array<() => void>>()
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  close(): void {
    this.closed = true
    this.readyState = CLOSED
  }
  emit(type: string, readyState = type === 'error' ? this.readyState : OPEN): void {
    this.readyState = readyState
    for (const listener of this.listeners.get(type) ?? []) listener()
  }
}

function follow(confirmSession: () => Promise<void> = async () => undefined) {
  const streams: FakeStream[] = []
  const live = useLiveStore()
  const follower = followStream({
    live,
    open: () => {
      const stream = new FakeStream()
      streams.push(stream)
      return stream
    },
    confirmSession,
  })
  follower.start()
  return { live, follower, streams, latest: () => streams.at(-1)! }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers({ now: new Date('2026-06-15T08:05:12Z') })
})
afterEach(() => vi.useRealTimers())

describe('following the live stream', () => {
  it('is connected once the server says hello, with the data current as of then', () => {
    const { live, latest } = follow()
    expect(live.connected).toBe(false)
    latest().emit('hello')
    expect(live).toMatchObject({ connected: true, everConnected: true, asOf: '2026-06-15T08:05:12.000Z', revision: 0 })
  })

  it('turns a burst of hazard and stats events into one revision', () => {
    const { live, latest } = follow()
    latest().emit('hello')
    latest().emit('hazard')
    vi.advanceTimersByTime(50)
    latest().emit('stats')
    latest().emit('hazard')
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS - 1)
    expect(live.revision).toBe(0)
    vi.advanceTimersByTime(1)
    expect(live.revision).toBe(1)
    expect(live.asOf).toBe(new Date(Date.now()).toISOString())
  })

  it('moves only the warnings\' revision for a warning, so the ledger\'s tiles and figures are not asked again', () => {
    const { live, latest } = follow()
    latest().emit('hello')
    latest().emit('warning')
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS)
    expect([live.revision, live.warningRevision]).toEqual([0, 1])
    latest().emit('hazard')
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS)
    expect([live.revision, live.warningRevision]).toEqual([1, 2])
  })

  it('refetches when the server says it cannot replay what was missed', () => {
    const { live, latest } = follow()
    latest().emit('hello')
    latest().emit('reload')
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS)
    expect(live.revision).toBe(1)
  })

  it('says interrupted from the moment the connection drops, keeping that as the as-of time', () => {
    const { live, latest } = follow()
    latest().emit('hello')
    vi.advanceTimersByTime(60_000)
    latest().emit('error', CONNECTING)
    expect(live).toMatchObject({ connected: false, everConnected: true, asOf: '2026-06-15T08:06:12.000Z' })
    vi.advanceTimersByTime(5_000)
    latest().emit('error', CONNECTING) // a failed retry does not move the as-of time
    expect(live.asOf).toBe('2026-06-15T08:06:12.000Z')
  })

  it('refetches after the browser reconnects, since the gap may have hidden changes', () => {
    const { live, latest, streams } = follow()
    latest().emit('hello')
    latest().emit('error', CONNECTING)
    latest().emit('hello')
    expect(live.connected).toBe(true)
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS)
    expect(live.revision).toBe(1)
    expect(streams).toHaveLength(1) // the browser's own retry, not a new stream
  })

  it('stops for good when a refused stream turns out to be an ended session', async () => {
    const confirm = vi.fn(async () => Promise.reject(new CallError(401, 'unauthorized', 'Not logged in.')))
    const { live, latest, streams } = follow(confirm)
    latest().emit('error', CLOSED)
    await vi.runAllTimersAsync()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(streams).toHaveLength(1)
    expect(live.connected).toBe(false)
  })

  it('reopens a refused stream while the session lasts, waiting longer each time', async () => {
    const { latest, streams } = follow()
    latest().emit('error', CLOSED)
    await vi.advanceTimersByTimeAsync(REOPEN_MS[0])
    expect(streams).toHaveLength(2)
    latest().emit('error', CLOSED)
    await vi.advanceTimersByTimeAsync(REOPEN_MS[0])
    expect(streams).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(REOPEN_MS[1] - REOPEN_MS[0])
    expect(streams).toHaveLength(3)
  })

  it('retries when the server cannot even say whether the session lasts', async () => {
    const { latest, streams } = follow(async () => Promise.reject(new CallError(0, 'no_answer', 'Failed to fetch')))
    latest().emit('error', CLOSED)
    await vi.advanceTimersByTimeAsync(REOPEN_MS[0])
    expect(streams).toHaveLength(2)
  })

  it('closes the stream and drops a pending refetch when stopped (logout, leaving the page)', () => {
    const { live, follower, latest } = follow()
    latest().emit('hello')
    latest().emit('hazard')
    follower.stop()
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS * 2)
    expect(latest().closed).toBe(true)
    expect(live).toMatchObject({ connected: false, revision: 0 })
  })

  it('opens one stream however often it is started', () => {
    const { follower, streams } = follow()
    follower.start()
    expect(streams).toHaveLength(1)
  })
})
