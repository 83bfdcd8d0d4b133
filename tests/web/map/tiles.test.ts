import { describe, expect, it } from 'vitest'
import { filterToQuery } from '../../../server/domain/filters'
import { hazardTileUrl } from '../../../web/api/tiles'

const queryOf = (url: string) => new URLSearchParams(url.slice(url.indexOf('?') + 1))

describe('the hazard tile URL', () => {
  it('is a same-origin path with the {z}/{x}/{y} MapLibre fills in', () => {
    expect(hazardTileUrl('', 0)).toBe('/api/tiles/hazards/{z}/{x}/{y}?v=0')
  })

  it('carries the filter as the API takes it, so the server cuts tiles for exactly that filter', () => {
    const qs = new URLSearchParams(filterToQuery({ category: ['safety_accident', 'mass_incident'], overdue: true, area: ['370283122-D1'] })).toString()
    const query = queryOf(hazardTileUrl(qs, 3))
    expect(query.get('category')).toBe('mass_incident,safety_accident')
    expect(query.get('overdue')).toBe('true')
    expect(query.get('area')).toBe('370283122-D1')
  })

  it('changes with the live revision alone, so tiles cut before a change are not reused', () => {
    expect(hazardTileUrl('category=safety_accident', 1)).not.toBe(hazardTileUrl('category=safety_accident', 2))
    expect(queryOf(hazardTileUrl('category=safety_accident', 2)).get('v')).toBe('2')
  })

  it('is the same text for the same filter and revision, so unchanged tiles are not refetched', () => {
    expect(hazardTileUrl('level=major&q=%E6%B2%B9', 5)).toBe(hazardTileUrl('level=major&q=%E6%B2%B9', 5))
  })

  it('keeps one revision even if the query brought its own', () => {
    expect(queryOf(hazardTileUrl('v=9&level=low', 4)).getAll('v')).toEqual(['4'])
  })

  it('keeps text search intact through encoding', () => {
    expect(queryOf(hazardTileUrl(new URLSearchParams({ q: '加油站 & 仓库' }).toString(), 0)).get('q')).toBe('加油站 & 仓库')
  })
})
