import { describe, expect, it } from 'vitest'
import { draftPoint, emptyReport, formNow, reportCategories, reportField, reportRequest } from '../../../web/work/report-draft'
import { actors, makeDraft } from './factories'

describe('reportRequest: the report form → POST /api/hazards', () => {
  it('sends the typed coordinates as numbers and leaves out what was not filled in', () => {
    expect(reportRequest(makeDraft({ title: ' 消防通道堵塞 ' }))).toEqual({
      ok: true,
      body: { category: 'safety_accident', item: 'fire', title: '消防通道堵塞', location: [120.1835, 36.9494], source: 'routine' },
    })
  })

  it('sends the description, site and found time (China time) when given', () => {
    const built = reportRequest(makeDraft({ description: '约 20 米', siteId: 'S-1', foundAt: '2026-06-14T16:05' }), '2026-06-15T09:30')
    expect(built).toMatchObject({ ok: true, body: { description: '约 20 米', siteId: 'S-1', foundAt: '2026-06-14T16:05:00+08:00' } })
  })

  it('takes a found time up to now, and now on the server’s today when it keeps another (a pinned demo)', () => {
    expect(reportRequest(makeDraft({ foundAt: '2026-06-15T09:30' }), '2026-06-15T09:30')).toMatchObject({ ok: true })
    // 02:00Z is 10:00 in China.
    expect(formNow('2026-06-15', Date.parse('2026-12-06T02:00:00Z'))).toBe('2026-06-15T10:00')
    expect(formNow(undefined, Date.parse('2026-12-06T17:10:00Z'))).toBe('2026-12-07T01:10')
  })

  it('carries the on-the-spot rectification in the report itself (one request), and requires its note when ticked', () => {
    expect(reportRequest(makeDraft({ onTheSpot: true, spotNote: ' 当场清理 ' }))).toMatchObject({ ok: true, body: { onTheSpot: { note: '当场清理' } } })
    expect(reportRequest(makeDraft({ onTheSpot: true }))).toEqual({ ok: false, problems: { spotNote: 'required' } })
    const unticked = reportRequest(makeDraft({ spotNote: 'ignored' }))
    expect(unticked.ok && unticked.body).not.toHaveProperty('onTheSpot')
  })

  it('asks an on-the-spot rectification without after-photos why none can exist (the verifier’s evidence)', () => {
    const spot = { onTheSpot: true, spotNote: '当场清理' }
    expect(reportRequest(makeDraft(spot), undefined, 0)).toEqual({ ok: false, problems: { spotNoPhotoReason: 'required' } })
    expect(reportRequest(makeDraft({ ...spot, spotNoPhotoReason: ' 摊点已撤离 ' }), undefined, 0)).toMatchObject({
      ok: true, body: { onTheSpot: { note: '当场清理', noPhotoReason: '摊点已撤离' } },
    })
    expect(reportRequest(makeDraft({ ...spot, spotNoPhotoReason: '不发' }), undefined, 2)).toMatchObject({ ok: true, body: { onTheSpot: { note: '当场清理' } } })
    const withPhotos = reportRequest(makeDraft({ ...spot, spotNoPhotoReason: '不发' }), undefined, 2)
    expect(withPhotos.ok && withPhotos.body.onTheSpot).not.toHaveProperty('noPhotoReason')
  })

  it('names every missing field of an empty form', () => {
    expect(reportRequest(emptyReport('grid'))).toEqual({
      ok: false,
      problems: { category: 'required', item: 'required', title: 'required', location: 'required' },
    })
  })

  it('refuses an item of another category, bad coordinates and a found time after now', () => {
    const built = reportRequest(makeDraft({ item: 'petitioners', lon: 'east', foundAt: '2026-06-15T09:31' }), '2026-06-15T09:30')
    expect(built).toEqual({ ok: false, problems: { item: 'required', location: 'badCoordinate', foundAt: 'future' } })
  })
})

describe('reportField: where the form shows a field the server refused', () => {
  it('puts the on-the-spot evidence under its own two fields, and both coordinates under location', () => {
    expect(reportField('onTheSpot.note')).toBe('spotNote')
    expect(reportField('onTheSpot.noPhotoReason')).toBe('spotNoPhotoReason')
    expect(reportField('location.1')).toBe('location')
    expect(reportField('title')).toBe('title')
  })
})

describe('draftPoint', () => {
  it('reads both coordinates or none', () => {
    expect(draftPoint({ lon: '120.1', lat: ' 36.9 ' })).toEqual([120.1, 36.9])
    expect(draftPoint({ lon: '120.1', lat: '' })).toBeUndefined()
    expect(draftPoint({ lon: '200', lat: '36.9' })).toBeUndefined()
  })
})

describe('emptyReport and reportCategories', () => {
  it('starts each reporter with the way it usually finds hazards', () => {
    expect(emptyReport('grid').source).toBe('routine')
    expect(emptyReport('district').source).toBe('concentrated')
    expect(emptyReport('lead_unit').source).toBe('focused')
  })

  it('lets a lead unit report only in its own category, and the others in all four', () => {
    expect(reportCategories(actors.police).map((c) => c.id)).toEqual(['violent_terror'])
    expect(reportCategories(actors.grid)).toHaveLength(4)
  })
})
