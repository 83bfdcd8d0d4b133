import { describe, expect, it } from 'vitest'
import { type AreaChoice, inspectableAreas, inspectionBody, inspectionCategories, inspectionDraft, inspectionProblems } from '../../../web/records/inspection-form'

const TODAY = '2026-06-15'
const areas: AreaChoice[] = [
  { id: 'd1', name: '一管区', level: 'district', parentId: 't' },
  { id: 'd2', name: '二管区', level: 'district', parentId: 't' },
  { id: 'v1', name: '甲村', level: 'village', parentId: 'd1' },
  { id: 'v2', name: '乙村', level: 'village', parentId: 'd2' },
]

describe('a new inspection form', () => {
  it('has a grid worker record its own village’s routine self-check', () => {
    expect(inspectionDraft({ role: 'grid', areaId: 'v1' }, TODAY)).toMatchObject({ source: 'routine', areaId: 'v1', date: TODAY })
  })

  it('has a district officer record the concentrated round, area to choose', () => {
    expect(inspectionDraft({ role: 'district', areaId: 'd1' }, TODAY)).toMatchObject({ source: 'concentrated', areaId: '' })
  })
})

describe('problems before sending', () => {
  const ok = { ...inspectionDraft({ role: 'grid', areaId: 'v1' }, TODAY), inspectors: '王伟' }

  it('has none for a complete form that found nothing', () => {
    expect(inspectionProblems(ok, TODAY)).toEqual({})
  })

  it('names the missing area and inspectors', () => {
    expect(inspectionProblems({ ...ok, areaId: '', inspectors: '  ' }, TODAY)).toEqual({ areaId: 'required', inspectors: 'required' })
  })

  it('refuses a date after today', () => {
    expect(inspectionProblems({ ...ok, date: '2026-06-16' }, TODAY)).toEqual({ date: 'future' })
  })

  it('refuses a negative or fractional count of hazards', () => {
    expect(inspectionProblems({ ...ok, hazardsFound: -1 }, TODAY)).toEqual({ hazardsFound: 'count' })
    expect(inspectionProblems({ ...ok, hazardsFound: 1.5 }, TODAY)).toEqual({ hazardsFound: 'count' })
  })
})

describe('areas a role may inspect', () => {
  it('gives a grid worker its own village only', () => {
    expect(inspectableAreas({ role: 'grid', areaId: 'v2' }, areas).map((a) => a.id)).toEqual(['v2'])
  })

  it('gives a district officer its district and the villages in it', () => {
    expect(inspectableAreas({ role: 'district', areaId: 'd1' }, areas).map((a) => a.id)).toEqual(['d1', 'v1'])
  })

  it('gives a lead unit the whole town', () => {
    expect(inspectableAreas({ role: 'lead_unit', leadUnit: 'safety' }, areas)).toHaveLength(4)
  })
})

describe('the request body', () => {
  it('trims text and leaves out empty optional fields', () => {
    const d = { ...inspectionDraft({ role: 'grid', areaId: 'v1' }, TODAY), inspectors: ' 王伟 ', checked: '  ', findings: ' 无 ' }
    expect(inspectionBody(d)).toEqual({ source: 'routine', areaId: 'v1', date: TODAY, inspectors: '王伟', hazardsFound: 0, findings: '无' })
  })

  it('says which category a lead unit’s round concerns, its own by default, so its text stays with the cleared', () => {
    const d = { ...inspectionDraft({ role: 'lead_unit', leadUnit: 'governance' }, TODAY), areaId: 'v1', inspectors: '综治办' }
    expect(inspectionBody(d)).toMatchObject({ category: 'individual_extreme' })
    expect(inspectionCategories({ role: 'lead_unit', leadUnit: 'governance' }).map((c) => c.id)).toEqual(['individual_extreme'])
    expect(inspectionCategories({ role: 'grid', areaId: 'v1' })).toHaveLength(4)
  })
})

describe('a key site, nothing found, and where', () => {
  const base = { ...inspectionDraft({ role: 'grid', areaId: 'v1' }, TODAY), inspectors: '王伟' }
  const sitePoint = (id: string): [number, number] | undefined => (id === 's1' ? [120.1, 36.9] : undefined)

  it('names the site checked and stands at its point when asked to', () => {
    expect(inspectionBody({ ...base, siteId: 's1', locationFrom: 'site' }, sitePoint)).toEqual({
      source: 'routine', areaId: 'v1', date: TODAY, inspectors: '王伟', hazardsFound: 0, siteId: 's1', location: [120.1, 36.9],
    })
  })

  it('sends the point picked on the map, and none when not recorded', () => {
    expect(inspectionBody({ ...base, locationFrom: 'map', picked: [120.2, 36.8] }, sitePoint)).toMatchObject({ location: [120.2, 36.8] })
    expect(inspectionBody({ ...base, siteId: 's1', picked: [120.2, 36.8] }, sitePoint)).not.toHaveProperty('location')
  })

  it('records nothing found as a count of 0, whatever the count field held', () => {
    const d = { ...base, nothingFound: true, hazardsFound: 3 }
    expect(inspectionProblems({ ...d, hazardsFound: -1 }, TODAY)).toEqual({})
    expect(inspectionBody(d)).toMatchObject({ hazardsFound: 0 })
  })

  it('asks for a point when the map was chosen, and a site when the site’s point was', () => {
    expect(inspectionProblems({ ...base, locationFrom: 'map' }, TODAY)).toEqual({ location: 'required' })
    expect(inspectionProblems({ ...base, locationFrom: 'site' }, TODAY)).toEqual({ location: 'required' })
  })
})
