import { describe, expect, it } from 'vitest'
import { buildReport, emptyDraft, type PhoneDraft } from '../../../web/phone/phone-report'
import { chinaIso, dayOffset, ledgerClock } from '../../../web/phone/phone-clock'

const OPENED = '2026-06-15T09:30:00+08:00'
const QUEUED = '2026-06-15T09:31:00+08:00'
const pinText = (d: PhoneDraft) => (d.pinReason === 'other' ? d.pinOther : '定位精度差')

function draft(patch: Partial<PhoneDraft> = {}): PhoneDraft {
  return {
    ...emptyDraft(OPENED), category: 'safety_accident', item: 'road_traffic', title: '  桥头护栏缺失 ',
    location: { method: 'gps', lon: 119.9, lat: 36.8, accuracy: 8.26 }, ...patch,
  }
}

describe('buildReport', () => {
  it('names every field the worker still has to fill', () => {
    const built = buildReport(emptyDraft(OPENED), QUEUED, pinText)
    expect(built).toEqual({ ok: false, missing: ['category', 'item', 'title', 'location'] })
  })

  it('sends a GPS point with its accuracy, found when the form was opened and reported when queued', () => {
    const built = buildReport(draft(), QUEUED, pinText)
    expect(built.ok && built.body).toMatchObject({
      title: '桥头护栏缺失', location: [119.9, 36.8], foundAt: OPENED, reportedAt: QUEUED,
      locationMethod: 'gps', locationAccuracy: 8.3,
    })
    expect(built.ok && 'pinReason' in built.body).toBe(false)
  })

  it('does not take a GPS point worse than 100 m: the worker must pin it', () => {
    const built = buildReport(draft({ location: { method: 'gps', lon: 119.9, lat: 36.8, accuracy: 250 } }), QUEUED, pinText)
    expect(built).toEqual({ ok: false, missing: ['location'] })
  })

  it('asks a pin for its reason, and sends the reason in words', () => {
    const pinned = draft({ location: { method: 'pin', lon: 119.9, lat: 36.8 } })
    expect(buildReport(pinned, QUEUED, pinText)).toEqual({ ok: false, missing: ['pinReason'] })
    expect(buildReport({ ...pinned, pinReason: 'other' }, QUEUED, pinText)).toEqual({ ok: false, missing: ['pinReason'] })
    const built = buildReport({ ...pinned, pinReason: 'other', pinOther: '地下室' }, QUEUED, pinText)
    expect(built.ok && built.body).toMatchObject({ locationMethod: 'pin', pinReason: '地下室' })
    expect(built.ok && 'locationAccuracy' in built.body).toBe(false)
  })

  it('fixed on the spot needs a note and an after-photo or the reason there is none', () => {
    expect(buildReport(draft({ onTheSpot: true }), QUEUED, pinText)).toEqual({ ok: false, missing: ['spotNote', 'spotNoPhotoReason'] })
    const built = buildReport(draft({ onTheSpot: true, spotNote: '已加装护栏', spotNoPhotoReason: '手机没电' }), QUEUED, pinText)
    expect(built.ok && built.body.onTheSpot).toEqual({ note: '已加装护栏', noPhotoReason: '手机没电' })
  })
})

describe('the phone clock against a server whose day is pinned', () => {
  const clock = Date.parse('2026-12-07T01:00:00Z') // 09:00 on 7 December in China

  it('is 0 days off on a deployment keeping the real day', () => {
    expect(dayOffset('2026-12-07', clock)).toBe(0)
  })

  it('stamps a pinned demo day at the clock time of day', () => {
    const offset = dayOffset('2026-06-15', clock)
    expect(offset).toBe(-175)
    expect(chinaIso(ledgerClock(offset, clock))).toBe('2026-06-15T09:00:00+08:00')
  })
})
