import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDetectors } from '../../../server/domain/warnings/index'
import { DEFAULT_CALENDAR, type WarningGeography, type WarningLedger } from '../../../server/domain/warnings/model'
import { detect, detectOver } from '../../../server/services/warnings/run'
import { warningInput } from '../../../server/services/warnings/input'
import { AS_OF, type TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'
import { toDay } from '../../../server/domain/days'

/** A small ledger: overdue major and significant hazards, a repeat site, flood-season finds. */
function smallLedger(): WarningLedger {
  const rows: Array<[id: number, item: number, level: number, found: string, closed: string | null, deadline: string | null, lon: number]> = [
    [1, 24, 1, '2026-06-01', null, '2026-06-08', 120.0],
    [2, 24, 2, '2026-06-02', null, '2026-06-17', 120.01],
    [3, 21, 3, '2026-06-03', '2026-06-05', '2026-07-03', 120.02],
    [4, 21, 3, '2026-06-10', '2026-06-12', '2026-07-10', 120.0201],
    [5, 21, 3, '2026-06-20', null, '2026-07-20', 120.0202],
    [6, 27, 3, '2026-06-25', null, null, 120.03],
  ]
  const n = rows.length
  const l: WarningLedger = {
    n, id: new Int32Array(n), grid: new Uint16Array(n), item: new Uint8Array(n), level: new Uint8Array(n), discovered: new Int32Array(n),
    reported: new Int32Array(n), closed: new Int32Array(n), deadline: new Int32Array(n), lon: new Float32Array(n), lat: new Float32Array(n), site: new Int32Array(n),
  }
  rows.forEach(([id, item, level, found, closed, deadline, lon], i) => {
    l.id[i] = id; l.item[i] = item; l.level[i] = level; l.discovered[i] = toDay(found); l.reported[i] = toDay(found)
    l.closed[i] = closed ? toDay(closed) : 0; l.deadline[i] = deadline ? toDay(deadline) : 0; l.lon[i] = lon; l.lat[i] = 36.8
  })
  return l
}

const geography: WarningGeography = {
  cells: [{ id: 'g1', villageId: 'v1', districtId: 'd1', neighbours: [], areaKm2: 1 }],
  villages: [{ id: 'v1', name: '南村庄', districtId: 'd1' }],
  districts: [{ id: 'd1', name: '一管区' }],
  since: toDay('2026-01-01'),
}

describe('detect off the event loop', () => {
  it('a worker thread answers what runDetectors answers in process', async () => {
    const inProcess = runDetectors(smallLedger(), geography, { asOf: '2026-06-30', calendar: DEFAULT_CALENDAR })
    const inWorker = await detectOver(smallLedger(), geography, '2026-06-30', DEFAULT_CALENDAR)
    expect(inWorker.signals).toEqual(inProcess.signals)
    expect(inWorker.signals.map((s) => `${s.level} ${s.key}`)).toEqual([
      'red overdue|hazard:1|safety_accident|food_drug',
      'orange overdue|hazard:2|safety_accident|food_drug',
      'yellow repeat_site|site:p:3|safety_accident|production',
      'blue seasonal|town:town|safety_accident|drowning',
      'blue seasonal|town:town|safety_accident|flood',
      'blue seasonal|town:town|safety_accident|straw_burning',
    ])
    expect(Object.keys(inWorker.timings)).toEqual(['hot_spot', 'rising_trend', 'repeat_site', 'overdue', 'seasonal'])
  })

  it('runs only the detectors asked for', async () => {
    const run = await detectOver(smallLedger(), geography, '2026-06-30', DEFAULT_CALENDAR, { only: ['overdue'] })
    expect(run.signals.map((s) => s.key)).toEqual(['overdue|hazard:1|safety_accident|food_drug', 'overdue|hazard:2|safety_accident|food_drug'])
  })

  it("a detector's failure in the worker is an error naming it, and the next run still answers", async () => {
    const broken = smallLedger()
    broken.grid[0] = 7 // a hazard in a cell the geography does not have
    await expect(detectOver(broken, geography, '2026-06-30', DEFAULT_CALENDAR)).rejects.toThrow(/^the detectors failed: TypeError/)
    const run = await detectOver(smallLedger(), geography, '2026-06-30', DEFAULT_CALENDAR, { only: ['repeat_site'] })
    expect(run.signals.map((s) => s.key)).toEqual(['repeat_site|site:p:3|safety_accident|production'])
  })
})

describe('the live ledger as the detectors read it (the seeded demo town)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await openSeededApp()
  })
  afterAll(() => t?.close())

  it("copies the ledger index's columns and its grid cells in the index's order, each with its village, district, town and neighbours", () => {
    const s = t.services
    const { ledger, geography } = warningInput(s)
    expect(ledger.n).toBe(s.ledger.size)
    expect([...ledger.id.subarray(0, 5)]).toEqual([...s.ledger.columns.id.subarray(0, 5)])
    expect(ledger.id.buffer).not.toBe(s.ledger.columns.id.buffer)
    expect(geography.cells.map((c) => c.id)).toEqual(s.ledger.areas.grids.map((g) => g.id))
    const villages = s.ledger.areas.byLevel.get('village')!
    expect(geography.villages.map((v) => v.id)).toEqual(villages.map((v) => v.id))
    expect(geography.towns).toEqual([{ id: s.ledger.areas.byLevel.get('town')![0]!.id, name: s.ledger.areas.byLevel.get('town')![0]!.name }])
    for (const [g, cell] of geography.cells.entries()) {
      expect(cell.villageId).toBe(s.ledger.areas.ancestorAt(cell.id, 'village')!.id)
      expect(cell.districtId).toBe(s.ledger.areas.ancestorAt(cell.id, 'district')!.id)
      expect(cell.neighbours.length).toBeGreaterThan(0)
      for (const n of cell.neighbours) expect(geography.cells[n]!.neighbours).toContain(g)
    }
    expect(geography.since).toBe(Math.min(...ledger.discovered))
    // the same geography again, until an import builds a new index
    expect(warningInput(s).geography.cells).toBe(geography.cells)
  })

  it('detect() in the worker answers what runDetectors answers over the same input', async () => {
    const s = t.services
    const { ledger, geography } = warningInput(s)
    const inProcess = runDetectors(ledger, geography, { asOf: AS_OF, calendar: DEFAULT_CALENDAR })
    const inWorker = await detect(s, AS_OF, DEFAULT_CALENDAR)
    expect(inWorker.signals).toEqual(inProcess.signals)
    expect(inWorker.persistent).toEqual(inProcess.persistent)
    expect(inWorker.asOf).toBe(AS_OF)
  })
})
