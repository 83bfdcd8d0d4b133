import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AreaFeature } from '../../../web/api/areas'
import { STATS_DEBOUNCE_MS, useStatsStore } from '../../../web/stores/stats'
import { useFilterStore } from '../../../web/stores/filters'
import { useGeographyStore } from '../../../web/stores/geography'
import { useLiveStore } from '../../../web/stores/live'
import { useSessionStore } from '../../../web/stores/session'
import { makeUser } from '../session/factories'
import { makeAreaStat, makeBucket } from '../charts/factories'
import { statsServer, summaryWithTotal } from './stats-server'

function area(id: string, level: AreaFeature['properties']['level'], parentId: string): AreaFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [] },
    properties: { id, code: id, name: id, fullName: null, level, parentId, population: null, households: null, label: [0, 0], bbox: [0, 0, 0, 0] },
  }
}

let server: ReturnType<typeof statsServer>

beforeEach(() => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
  server = statsServer()
  vi.stubGlobal('fetch', server.fetch)
  // The geography is known already: the store only filters by it.
  const geography = useGeographyStore()
  geography.levels = {
    district: [area('D1', 'district', 'T'), area('D2', 'district', 'T')],
    village: [area('V1', 'village', 'D1'), area('V2', 'village', 'D1'), area('V3', 'village', 'D2')],
    grid: [area('G1', 'grid', 'V1'), area('G2', 'grid', 'V1'), area('G3', 'grid', 'V2')],
  }
  vi.spyOn(geography, 'loadLevel').mockImplementation(async (level) => geography.levels[level] ?? [])
  useSessionStore().user = makeUser()
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const settle = () => vi.advanceTimersByTimeAsync(STATS_DEBOUNCE_MS + 1)

describe('the stats store', () => {
  it('asks for the summary, trend, ranking and coverage once the filter settles', async () => {
    const stats = useStatsStore()
    expect(server.calls).toHaveLength(0)
    await settle()
    expect(server.calls.map((c) => c.path).sort()).toEqual(['/api/stats/areas', '/api/stats/coverage', '/api/stats/summary', '/api/stats/trend'])
    server.last('/api/stats/summary').answer(summaryWithTotal(3000))
    await vi.waitFor(() => expect(stats.summary?.total).toBe(3000))
  })

  it('asks once for a burst of changes', async () => {
    useStatsStore()
    const filters = useFilterStore()
    await settle()
    filters.toggle('level', 'major')
    await vi.advanceTimersByTimeAsync(STATS_DEBOUNCE_MS / 2)
    filters.toggle('level', 'low')
    await vi.advanceTimersByTimeAsync(STATS_DEBOUNCE_MS / 2)
    filters.set('overdue', true)
    await settle()
    const summaries = server.pending('/api/stats/summary')
    expect(summaries).toHaveLength(2)
    expect(summaries[1]!.query).toEqual({ level: 'low,major', overdue: 'true' })
  })

  it('drops an answer that arrives after a newer question was asked', async () => {
    const stats = useStatsStore()
    const filters = useFilterStore()
    await settle()
    filters.toggle('category', 'mass_incident')
    await settle()
    const [old, fresh] = server.pending('/api/stats/summary')
    fresh!.answer(summaryWithTotal(654))
    await vi.waitFor(() => expect(stats.summary?.total).toBe(654))
    old!.answer(summaryWithTotal(3000))
    await vi.advanceTimersByTimeAsync(10)
    expect(stats.summary?.total).toBe(654)
  })

  it('asks again for everything when the live revision moves', async () => {
    useStatsStore()
    await settle()
    useLiveStore().changed()
    await settle()
    expect(server.pending('/api/stats/summary')).toHaveLength(2)
    expect(server.pending('/api/stats/coverage')).toHaveLength(2)
  })

  it('asks again only the parts a replay date touches, not the trend', async () => {
    useStatsStore()
    const filters = useFilterStore()
    await settle()
    filters.set('openOn', '2026-01-10')
    await settle()
    expect(server.pending('/api/stats/trend')).toHaveLength(1)
    expect(server.pending('/api/stats/summary')).toHaveLength(2)
    expect(server.last('/api/stats/summary').query).toEqual({ openOn: '2026-01-10' })
    expect(server.last('/api/stats/coverage').query).toEqual({ period: '2026-01-10' })
  })

  it('keeps the replay date out of the trend, which is the time axis itself', async () => {
    useStatsStore()
    useFilterStore().restore({ openOn: '2026-01-10', level: ['major'] }, [])
    await settle()
    expect(server.last('/api/stats/trend').query).toEqual({ level: 'major', bucket: 'half-month' })
  })

  it('ranks districts at the town, a district’s villages, a village’s grid cells, and a cell among its siblings', async () => {
    const stats = useStatsStore()
    const filters = useFilterStore()
    const asked: [string | undefined, string | undefined][] = []
    for (const path of [[], ['D1'], ['D1', 'V1'], ['D1', 'V1', 'G1']]) {
      filters.drillTo(path)
      await settle()
      const call = server.last('/api/stats/areas')
      asked.push([call.query['level'], call.query['area']])
    }
    expect(asked).toEqual([['district', undefined], ['village', 'D1'], ['grid', 'V1'], ['grid', 'V1']])
    expect(stats.rankedLevel).toBe('grid')
  })

  it('sends the risk level as riskLevel to the area ranking', async () => {
    useStatsStore()
    useFilterStore().toggle('level', 'major')
    await settle()
    expect(server.last('/api/stats/areas').query).toMatchObject({ level: 'district', riskLevel: 'major' })
  })

  it('keeps only the ranked areas that lie in the current area', async () => {
    const stats = useStatsStore()
    useFilterStore().drillTo(['D1'])
    await settle()
    server.last('/api/stats/areas').answer([makeAreaStat('V1'), makeAreaStat('V2'), makeAreaStat('V3')])
    await vi.waitFor(() => expect(stats.ranking?.map((r) => r.areaId)).toEqual(['V1', 'V2']))
  })

  it('narrows the coverage to the district or village drilled into', async () => {
    const stats = useStatsStore()
    const filters = useFilterStore()
    filters.drillTo(['D1'])
    await settle()
    const village = (villageId: string, districtId: string, inspected: boolean) => ({ villageId, name: villageId, districtId, inspected, inspections: inspected ? 1 : 0, lastDate: null })
    server.last('/api/stats/coverage').answer({
      period: { start: '2026-06-01', end: '2026-06-15' },
      villages: [village('V1', 'D1', true), village('V2', 'D1', false), village('V3', 'D2', false)],
      covered: 1,
      total: 3,
      rate: 0.333,
    })
    await vi.waitFor(() => expect(stats.coverage).toMatchObject({ covered: 1, total: 2, rate: 0.5 }))
    filters.drillTo(['D1', 'V2'])
    expect(stats.coverage).toMatchObject({ covered: 0, total: 1, rate: 0 })
  })

  it('bounds the replay by the first half-month of the campaign and the server’s today', async () => {
    const stats = useStatsStore()
    await settle()
    expect(stats.campaign).toEqual({ start: '2025-06-16', end: '2026-06-15' })
    server.last('/api/stats/trend').answer([makeBucket('2025-07-01', '2025-07-15'), makeBucket('2025-07-16', '2025-07-31')])
    await vi.waitFor(() => expect(stats.campaign).toEqual({ start: '2025-07-01', end: '2026-06-15' }))
  })

  it('asks nothing while nobody is logged in, and starts once someone is', async () => {
    const session = useSessionStore()
    session.user = null
    useStatsStore()
    await settle()
    expect(server.calls).toHaveLength(0)
    session.user = makeUser()
    await settle()
    expect(server.pending('/api/stats/summary')).toHaveLength(1)
  })

  it('asks nothing when the districts cannot be loaded, as when the session has expired', async () => {
    vi.mocked(useGeographyStore().loadLevel).mockRejectedValue(new Error('401'))
    useStatsStore()
    await settle()
    expect(server.calls).toHaveLength(0)
  })

  it('forgets the last user’s figures when another logs in, and asks again', async () => {
    const stats = useStatsStore()
    await settle()
    server.last('/api/stats/summary').answer(summaryWithTotal(3000))
    await vi.waitFor(() => expect(stats.summary?.total).toBe(3000))
    useSessionStore().user = makeUser({ id: 9, username: 'district-1', role: 'district', areaId: 'D1' })
    await vi.advanceTimersByTimeAsync(0)
    expect(stats.summary).toBeUndefined()
    await settle()
    expect(server.pending('/api/stats/summary')).toHaveLength(2)
  })

  it('records a failure for its part and asks again on the next change', async () => {
    const stats = useStatsStore()
    await settle()
    server.last('/api/stats/summary').answer({ error: { code: 'invalid_input', message: 'bad' } }, 400)
    await vi.waitFor(() => expect(stats.failures.summary).toMatchObject({ status: 400 }))
    useLiveStore().changed()
    await settle()
    server.last('/api/stats/summary').answer(summaryWithTotal(5))
    await vi.waitFor(() => expect(stats.failures.summary).toBeUndefined())
    expect(stats.summary?.total).toBe(5)
  })
})
