import { describe, expect, it } from 'vitest'
import { REOPEN_DAYS } from '../../../server/domain/accountability'
import { ClosedPlaces } from '../../../server/seed/ledger/closed-places'
import type { Spot } from '../../../server/seed/ledger/placement'

/** Where the demo ledger looks for a return of an item to a place closed out lately (suspected false close-outs). */
const spot = (lon: number, lat: number, site: string | null = null) => ({ location: [lon, lat], site: site && { id: site } }) as unknown as Spot

describe('closed places', () => {
  it('finds a close-out at the same site or within about 50 m, from its day to REOPEN_DAYS after, of the same item only', () => {
    const places = new ClosedPlaces()
    const here = spot(119.9, 36.8, 'S1')
    places.add('fire', here, 100)
    places.add('fire', here, 130)
    expect(places.reopens('fire', spot(119.95, 36.85, 'S1'), 100)).toBe(true)
    expect(places.reopens('fire', spot(119.90003, 36.80003), 101)).toBe(true)
    expect(places.reopens('gas', here, 102)).toBe(false)
    expect(places.reopens('fire', spot(119.91, 36.8), 103)).toBe(false)
    // The first close-out is out of reach after REOPEN_DAYS; the second still counts.
    expect(places.reopens('fire', here, 130 + REOPEN_DAYS)).toBe(true)
    expect(places.reopens('fire', here, 131 + REOPEN_DAYS)).toBe(false)
  })

  it('answers a question asked again after a close-out is added anew, not from the last answer', () => {
    const places = new ClosedPlaces()
    const here = spot(119.9, 36.8)
    expect(places.reopens('fire', here, 50)).toBe(false)
    places.add('fire', here, 50)
    expect(places.reopens('fire', here, 50)).toBe(true)
  })

  it('keeps apart thousands of cells and sites, across blocks of cells', () => {
    const places = new ClosedPlaces()
    // A lattice of cells about 100 m apart, every other one closed out on day 10, with a site of its own.
    for (let i = 0; i < 60; i++)
      for (let j = 0; j < 60; j++) if ((i + j) % 2 === 0) places.add('fire', spot(119.9 + i * 0.0012, 36.8 + j * 0.0009, `S${i}-${j}`), 10)
    const wrong: string[] = []
    for (let i = 0; i < 60; i++)
      for (let j = 0; j < 60; j++) {
        const closed = (i + j) % 2 === 0
        // The same site anywhere, or the cell itself; a cell between two closed-out ones is 100 m from each.
        if (places.reopens('fire', spot(120.5, 37.5, `S${i}-${j}`), 20) !== closed) wrong.push(`site S${i}-${j}`)
        if (places.reopens('fire', spot(119.9 + i * 0.0012, 36.8 + j * 0.0009), 20) !== closed) wrong.push(`cell ${i}, ${j}`)
      }
    expect(wrong).toEqual([])
  })

  it('refuses a question about an earlier day than one asked before', () => {
    const places = new ClosedPlaces()
    places.reopens('fire', spot(119.9, 36.8), 20)
    expect(() => places.reopens('fire', spot(119.9, 36.8), 19)).toThrow(/day 19 after day 20/)
  })
})
