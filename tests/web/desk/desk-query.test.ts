import { describe, expect, it } from 'vitest'
import { type DeskState, deskQuery, parseDeskQuery, queryKey } from '../../../web/desk/desk-query'

const full: DeskState = {
  choice: {
    category: ['violent_terror', 'safety_accident'],
    item: ['fire'],
    status: ['rectifying'],
    level: ['major', 'low'],
    source: ['routine'],
    from: '2026-01-01',
    to: '2026-03-31',
    overdue: true,
    escalated: true,
    q: '消防 通道',
    openOn: '2026-02-15',
  },
  path: ['370283122-D1', '370283122203', '370283122203-G01'],
  camera: { lon: 120.21573, lat: 36.97112, zoom: 11.5 },
  hazardId: 1500,
  layers: ['hazards', 'heat-safety_accident', 'choropleth'],
  cut: { level: 'grid', metric: 'density' },
}

/** Through the URL and back, as a browser would carry it. */
const roundTrip = (state: DeskState) => parseDeskQuery(Object.fromEntries(new URLSearchParams(new URLSearchParams(deskQuery(state)).toString())))

describe('the desk query', () => {
  it('brings back every part of the view from its own text', () => {
    const back = roundTrip(full)
    expect(back.choice).toEqual({ ...full.choice, category: ['safety_accident', 'violent_terror'], level: ['low', 'major'] })
    expect(back.path).toEqual(full.path)
    expect(back.camera).toEqual(full.camera)
    expect(back.hazardId).toBe(1500)
    expect(back.layers).toEqual(['hazards', 'heat-safety_accident', 'choropleth'])
    expect(back.cut).toEqual({ level: 'grid', metric: 'density' })
  })

  it('writes the same text for the same view, whatever order the lists were chosen in', () => {
    const a = deskQuery({ choice: { level: ['major', 'low'] }, path: [] })
    const b = deskQuery({ choice: { level: ['low', 'major'] }, path: [] })
    expect(queryKey(a)).toBe(queryKey(b))
  })

  it('leaves an empty view out of the URL entirely', () => {
    expect(deskQuery({ choice: {}, path: [] })).toEqual({})
    expect(parseDeskQuery({})).toEqual({ choice: {}, path: [] })
  })

  it('rounds the camera to about a metre so that links stay short', () => {
    expect(deskQuery({ choice: {}, path: [], camera: { lon: 120.123456789, lat: 36.987654321, zoom: 12.3456 } }).map).toBe('120.12346,36.98765,12.35')
  })

  it('drops unknown categories, items, statuses, levels and sources but keeps the known ones', () => {
    const state = parseDeskQuery({ category: 'mass_incident,aliens', item: 'fire,nope', status: 'closed,lost', level: 'purple,major', source: 'rumour' })
    expect(state.choice).toEqual({ category: ['mass_incident'], item: ['fire'], status: ['closed'], level: ['major'] })
  })

  it('reads a key given twice as both values', () => {
    expect(parseDeskQuery({ category: ['mass_incident', 'safety_accident'] }).choice.category).toEqual(['mass_incident', 'safety_accident'])
  })

  it('ignores dates that do not exist or are not dates', () => {
    expect(parseDeskQuery({ from: '2026-02-30', to: 'tomorrow', openOn: '2026-13-01' }).choice).toEqual({})
  })

  it('keeps the start of a range that ends before it starts', () => {
    expect(parseDeskQuery({ from: '2026-03-01', to: '2026-02-01' }).choice).toEqual({ from: '2026-03-01' })
  })

  it('takes only true (or 1) as a flag', () => {
    expect(parseDeskQuery({ overdue: 'true', escalated: 'yes' }).choice).toEqual({ overdue: true })
    expect(parseDeskQuery({ overdue: '1' }).choice).toEqual({ overdue: true })
  })

  it('trims the search text and caps it at 100 characters', () => {
    expect(parseDeskQuery({ q: '  消防  ' }).choice.q).toBe('消防')
    expect(parseDeskQuery({ q: 'x'.repeat(300) }).choice.q).toHaveLength(100)
    expect(parseDeskQuery({ q: '   ' }).choice).toEqual({})
  })

  it('reads a path up to its first malformed or repeated step, at most three deep', () => {
    expect(parseDeskQuery({ path: 'D1,V1,G1,X1' }).path).toEqual(['D1', 'V1', 'G1'])
    expect(parseDeskQuery({ path: 'D1,<script>,G1' }).path).toEqual(['D1'])
    expect(parseDeskQuery({ path: 'D1,D1' }).path).toEqual(['D1'])
    expect(parseDeskQuery({ path: ',D1' }).path).toEqual([])
  })

  it('refuses a camera off the globe, out of zoom range or not three numbers', () => {
    for (const map of ['200,36,10', '120,95,10', '120,36,30', '120,36', '120,36,10,1', 'a,b,c', '120,,10', 'Infinity,36,10']) {
      expect(parseDeskQuery({ map }).camera, map).toBeUndefined()
    }
    expect(parseDeskQuery({ map: '-120.5,-36.25,0' }).camera).toEqual({ lon: -120.5, lat: -36.25, zoom: 0 })
  })

  it('takes a hazard id only as a positive whole number', () => {
    for (const hazard of ['0', '-3', '1.5', '1e3', 'abc', '99999999999']) expect(parseDeskQuery({ hazard }).hazardId, hazard).toBeUndefined()
    expect(parseDeskQuery({ hazard: '42' }).hazardId).toBe(42)
  })

  it('ignores keys it does not own and null values', () => {
    expect(parseDeskQuery({ next: '/wall', category: null, foo: 'bar' })).toEqual({ choice: {}, path: [] })
  })

  describe('the layers drawn and the choropleth’s cut', () => {
    it('are written only when they differ from what a desk opens with, so a plain link stays short', () => {
      expect(deskQuery({ choice: {}, path: [], layers: ['sites', 'hazards'], cut: { level: 'village', metric: 'open' } })).toEqual({})
      expect(deskQuery({ choice: {}, path: [], layers: ['sites'] })).toEqual({ layers: 'sites' })
    })

    it('are written in the layers control’s order, whatever order they were switched on in', () => {
      expect(deskQuery({ choice: {}, path: [], layers: ['sites', 'choropleth', 'heat-mass_incident'] }).layers).toBe('heat-mass_incident,choropleth,sites')
    })

    it('say “none” when every layer is off, and read it back as none', () => {
      expect(deskQuery({ choice: {}, path: [], layers: [] }).layers).toBe('none')
      expect(parseDeskQuery({ layers: 'none' }).layers).toEqual([])
    })

    it('drop what they do not know: unknown layers are skipped, a list of nothing known or a bad cut means the default', () => {
      expect(parseDeskQuery({ layers: 'heat-fire,sites,<script>' }).layers).toEqual(['sites'])
      expect(parseDeskQuery({ layers: 'bogus' }).layers).toBeUndefined()
      expect(parseDeskQuery({ layers: 'hazards,sites' }).layers).toBeUndefined()
      expect(parseDeskQuery({ cut: 'grid' }).cut).toBeUndefined()
      expect(parseDeskQuery({ cut: 'county,open' }).cut).toBeUndefined()
      expect(parseDeskQuery({ cut: 'village,open' }).cut).toBeUndefined()
      expect(parseDeskQuery({ cut: 'grid,open' }).cut).toEqual({ level: 'grid', metric: 'open' })
    })
  })
})
