import { describe, expect, it } from 'vitest'
import { FIX_WINDOW_MS, type GpsFix, betterFix, judgeAccuracy, searchDone } from '../../../web/phone/gps'

const fix = (accuracy: number, at = 0): GpsFix => ({ lon: 119.9, lat: 36.8, accuracy, at })

describe('judgeAccuracy', () => {
  it('accepts a fix within 30 m as it is', () => {
    expect(judgeAccuracy(8)).toBe('accepted')
    expect(judgeAccuracy(30)).toBe('accepted')
  })

  it('accepts 30–100 m with a warning', () => {
    expect(judgeAccuracy(30.1)).toBe('warning')
    expect(judgeAccuracy(100)).toBe('warning')
  })

  it('requires a pin beyond 100 m, and when there is no fix', () => {
    expect(judgeAccuracy(100.5)).toBe('pin')
    expect(judgeAccuracy(250)).toBe('pin')
    expect(judgeAccuracy(undefined)).toBe('pin')
  })

  it('treats a nonsense accuracy as no fix', () => {
    expect(judgeAccuracy(Number.NaN)).toBe('pin')
    expect(judgeAccuracy(-1)).toBe('pin')
  })
})

describe('betterFix', () => {
  it('keeps the smaller radius', () => {
    expect(betterFix(fix(40), fix(60)).accuracy).toBe(40)
    expect(betterFix(fix(60), fix(12)).accuracy).toBe(12)
  })

  it('takes the first fix there is, and the newer of two equal ones', () => {
    expect(betterFix(undefined, fix(500)).accuracy).toBe(500)
    expect(betterFix(fix(20, 1), fix(20, 2)).at).toBe(2)
  })
})

describe('searchDone', () => {
  it('stops at a good fix at once', () => expect(searchDone(fix(25), 1_000)).toBe(true))
  it('keeps looking while the best is worse than 30 m and time remains', () => {
    expect(searchDone(fix(45), 10_000)).toBe(false)
    expect(searchDone(undefined, 10_000)).toBe(false)
  })
  it('gives up after 30 s whatever it has', () => {
    expect(searchDone(fix(45), FIX_WINDOW_MS)).toBe(true)
    expect(searchDone(undefined, FIX_WINDOW_MS)).toBe(true)
  })
})
