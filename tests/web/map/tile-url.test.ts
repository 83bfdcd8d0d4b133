import { describe, expect, it } from 'vitest'
import { tileUrlQueue } from '../../../web/map/tile-url'

/** A source and map as far as the queue sees them: tiles in flight, events the map fires. */
function fakeMap() {
  const listeners: Record<string, Array<(e: { sourceId?: string }) => void>> = {}
  const set: string[] = []
  const source = { tiles: ['/t?v=0'], setTiles: (tiles: string[]) => (set.push(tiles[0]!), (source.tiles = tiles)) }
  let loading = 0
  const map = {
    getSource: () => source,
    isSourceLoaded: () => loading === 0,
    on: (type: string, fn: (e: { sourceId?: string }) => void) => ((listeners[type] ??= []).push(fn), map),
  }
  const fire = (type: string, e: { sourceId?: string } = {}) => listeners[type]?.forEach((fn) => fn(e))
  return {
    map: map as unknown as Parameters<typeof tileUrlQueue>[0],
    set,
    startLoading: (n: number) => (loading = n),
    /** One tile of the source arrives. */
    tileLoaded: (sourceId = 'hazards') => {
      if (sourceId === 'hazards') loading = Math.max(0, loading - 1)
      fire('sourcedata', { sourceId })
    },
    idle: () => fire('idle'),
  }
}

describe('the hazard tile URL, changed one load at a time', () => {
  it('is handed to the map at once when no tile is loading', async () => {
    const m = fakeMap()
    const q = tileUrlQueue(m.map, 'hazards')
    q.set('/t?overdue=true&v=0')
    expect(m.set).toEqual(['/t?overdue=true&v=0'])
    await expect(q.applied()).resolves.toBeUndefined()
  })

  it('waits while tiles load, then applies only the latest wish: two filter changes in a row end on the second', async () => {
    const m = fakeMap()
    const q = tileUrlQueue(m.map, 'hazards')
    m.startLoading(2)
    q.set('/t?v=0&category=mass_incident')
    q.set('/t?overdue=true&v=0')
    let applied = false
    void q.applied().then(() => (applied = true))
    m.tileLoaded('areas') // another source's tile: nothing changes
    m.tileLoaded()
    await Promise.resolve()
    expect(m.set).toEqual([])
    expect(applied).toBe(false)
    m.tileLoaded()
    await Promise.resolve()
    expect(m.set).toEqual(['/t?overdue=true&v=0'])
    expect(applied).toBe(true)
  })

  it('also applies when the map comes to rest, and leaves the same URL alone', () => {
    const m = fakeMap()
    const q = tileUrlQueue(m.map, 'hazards')
    m.startLoading(1)
    q.set('/t?v=1')
    m.startLoading(0)
    m.idle()
    q.set('/t?v=1')
    expect(m.set).toEqual(['/t?v=1'])
  })
})
