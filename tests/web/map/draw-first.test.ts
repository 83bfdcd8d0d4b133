import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterMapDrawn, MAX_WAIT_MS, mapWillDraw } from '../../../web/map/draw-first'

/** Whether `promise` has settled once everything already queued has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  void promise.then(() => (done = true))
  await vi.advanceTimersByTimeAsync(0)
  return done
}

afterEach(() => {
  vi.useRealTimers()
})

describe('the map draws before the charts', () => {
  it('lets the charts go at once on a page without a map', async () => {
    vi.useFakeTimers()
    mapWillDraw()() // an earlier page's map, long drawn
    expect(await settled(afterMapDrawn())).toBe(true)
  })

  it('holds the charts until the map has drawn its first frame', async () => {
    vi.useFakeTimers()
    const drawn = mapWillDraw()
    const charts = afterMapDrawn()
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS / 2)
    expect(await settled(charts)).toBe(false)
    drawn()
    expect(await settled(charts)).toBe(true)
  })

  it('lets them go after the longest wait when the map never comes to rest', async () => {
    vi.useFakeTimers()
    mapWillDraw()
    const charts = afterMapDrawn()
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS - 1)
    expect(await settled(charts)).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await settled(charts)).toBe(true)
  })

  it('follows the latest map: a new page’s map holds its charts even if the last one has drawn', async () => {
    vi.useFakeTimers()
    const first = mapWillDraw()
    first()
    const second = mapWillDraw()
    first() // the old map going away again changes nothing
    const charts = afterMapDrawn()
    expect(await settled(charts)).toBe(false)
    second()
    expect(await settled(charts)).toBe(true)
  })
})
