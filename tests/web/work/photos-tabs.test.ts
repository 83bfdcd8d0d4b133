import { describe, expect, it } from 'vitest'
import { photoProblem } from '../../../web/api/photos'
import { workTabsFor } from '../../../web/work/useWorkTabs'
import { nearestSites } from '../../../web/geo/nearest-sites'
import { actors } from './factories'

describe('photoProblem', () => {
  const MB = 1024 * 1024
  it('takes JPEG, PNG and WebP up to the limit', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp']) expect(photoProblem({ type, size: 10 * MB })).toBeUndefined()
  })

  it('refuses other types and anything over the limit', () => {
    expect(photoProblem({ type: 'image/gif', size: 1 })).toBe('type')
    expect(photoProblem({ type: '', size: 1 })).toBe('type')
    expect(photoProblem({ type: 'image/jpeg', size: 10 * MB + 1 })).toBe('size')
  })
})

describe('workTabsFor', () => {
  it('gives the grid worker its queue, the report form and its village’s records, posts and score, but no persons, bulletin or trace-back', () => {
    expect(workTabsFor(actors.grid)).toEqual(['queue', 'report', 'inspections', 'posts', 'scorecards', 'campaigns', 'ledgerFiles'])
  })

  it('gives the trace-back (责任倒查) to the leadership, the governance office and the lead units only', () => {
    expect(workTabsFor(actors.leader)).toContain('traceback')
    expect(workTabsFor(actors.police)).toContain('traceback')
    expect(workTabsFor(actors.district)).not.toContain('traceback')
    expect(workTabsFor(actors.grid)).not.toContain('traceback')
  })

  it('gives the key persons only to cleared lead units and the leadership', () => {
    expect(workTabsFor(actors.police)).toContain('persons')
    expect(workTabsFor(actors.leader)).toContain('persons')
    expect(workTabsFor(actors.safety)).not.toContain('persons')
  })

  it('gives the leadership no report form', () => {
    expect(workTabsFor(actors.leader)).not.toContain('report')
  })

  it('gives boundaries to the admin alone', () => {
    expect(workTabsFor(actors.admin)).toEqual(['queue', 'posts', 'scorecards', 'boundaries', 'audit'])
    expect(workTabsFor(actors.district)).not.toContain('boundaries')
  })
})

describe('nearestSites', () => {
  const site = (id: string, lon: number) => ({ type: 'Feature' as const, properties: { id }, geometry: { type: 'Point' as const, coordinates: [lon, 36.95] } })
  // At 36.95°N a thousandth of a degree of longitude is about 89 m.
  const sites = [site('far', 120.2), site('b', 120.105), site('a', 120.101), site('c', 120.109)]

  it('offers the sites within the radius, nearest first', () => {
    expect(nearestSites(sites, [120.1, 36.95]).map((n) => n.site.properties.id)).toEqual(['a', 'b', 'c'])
  })

  it('gives each one’s distance in metres and keeps to the limit', () => {
    const [first] = nearestSites(sites, [120.1, 36.95], 1000, 1)
    expect(first!.metres).toBeGreaterThan(80)
    expect(first!.metres).toBeLessThan(100)
    expect(nearestSites(sites, [120.1, 36.95], 1000, 2)).toHaveLength(2)
  })
})
