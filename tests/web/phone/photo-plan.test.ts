import { describe, expect, it } from 'vitest'
import { MAX_SIDE_PX, MIN_SIDE_PX, QUALITY_STEPS, attempts, fitWithin, takenAtFrom } from '../../../web/phone/photo-plan'

const all = (w: number, h: number) => [...attempts(w, h)]

describe('fitWithin', () => {
  it('brings a 4000×3000 camera photo to 1600 on the long side, keeping the shape', () => {
    expect(fitWithin(4000, 3000, MAX_SIDE_PX)).toEqual({ width: 1600, height: 1200 })
    expect(fitWithin(3000, 4000, MAX_SIDE_PX)).toEqual({ width: 1200, height: 1600 })
  })

  it('never enlarges a small photo', () => expect(fitWithin(800, 600, MAX_SIDE_PX)).toEqual({ width: 800, height: 600 }))
})

describe('attempts', () => {
  it('starts at the largest allowed size and the best quality', () => {
    expect(all(4000, 3000)[0]).toEqual({ width: 1600, height: 1200, quality: QUALITY_STEPS[0] })
  })

  it('lowers the quality step by step before the size', () => {
    const first = all(4000, 3000).slice(0, QUALITY_STEPS.length)
    expect(first.map((a) => a.width)).toEqual(QUALITY_STEPS.map(() => 1600))
    expect(first.map((a) => a.quality)).toEqual([...QUALITY_STEPS])
    expect(all(4000, 3000)[QUALITY_STEPS.length]!.width).toBeLessThan(1600)
  })

  it('shrinks until the smallest useful size, then stops', () => {
    const list = all(4000, 3000)
    const sides = list.map((a) => Math.max(a.width, a.height))
    expect(sides.every((s, i) => i === 0 || s <= sides[i - 1]!)).toBe(true)
    expect(sides.at(-1)).toBe(MIN_SIDE_PX)
    expect(list.length).toBeLessThan(60)
  })

  it('tries a small photo at its own size only', () => {
    const list = all(400, 300)
    expect(list).toHaveLength(QUALITY_STEPS.length)
    expect(list.every((a) => a.width === 400 && a.height === 300)).toBe(true)
  })
})

describe('takenAtFrom', () => {
  const now = Date.parse('2026-06-15T04:00:00Z')
  it('keeps a past capture time as an ISO instant', () => {
    expect(takenAtFrom(new Date('2026-06-14T08:30:00Z'), now)).toBe('2026-06-14T08:30:00.000Z')
  })
  it('drops a time in the future (a camera clock set ahead) and anything not a date', () => {
    expect(takenAtFrom(new Date('2026-06-16T00:00:00Z'), now)).toBeUndefined()
    expect(takenAtFrom('2026:06:14 08:30:00', now)).toBeUndefined()
    expect(takenAtFrom(undefined, now)).toBeUndefined()
  })
})
