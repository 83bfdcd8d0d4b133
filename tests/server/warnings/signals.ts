import type { DetectorRun, Signal } from '../../../server/domain/warnings/model'
import type { Detect } from '../../../server/services/warnings/engine'
import type { Services } from '../../../server/services/context'

/**
 * Hand-made findings for the engine's and the API's tests: the detectors are tested on their own
 * (tests/server/warnings/*, tests/backtest); here a finding is whatever the test says it is. Their
 * keys start `test:`, apart from the demo's own warnings (server/seed/warnings.ts).
 */

/** A village of the demo town (the n-th, or by id), its district and its first three grid cells. */
export function placeOf(s: Services, n: number | string = 0): { villageId: string; districtId: string; cells: string[] } {
  const village = typeof n === 'string' ? s.ledger.areas.byId.get(n)! : s.ledger.areas.byLevel.get('village')![n]!
  const cells = Array.from(s.ledger.areas.gridsInside(village.id)).slice(0, 3).map((g) => s.ledger.areas.grids[g]!.id)
  return { villageId: village.id, districtId: village.parentId!, cells }
}

/** A hot spot of fire hazards over a village's cells, to the safety office. */
export function hotSpot(s: Services, over: Partial<Signal> = {}, n: number | string = 0): Signal {
  const place = placeOf(s, n)
  return {
    key: `test:hot_spot|${place.cells.join('+')}|safety_accident|fire`, detector: 'hot_spot', level: 'yellow', ruleId: 'R5',
    area: { kind: 'cells', id: place.cells[0]!, cells: place.cells, villageId: place.villageId, districtId: place.districtId },
    category: 'safety_accident', item: 'fire', window: { from: '2026-11-14', to: '2026-11-28' }, observed: 9, expected: 2.1, ratio: 4.3,
    stats: { z: 3.4, q: 0.01 }, streak: 3, slope: 1.5, pattern: 'new', evidence: [], parameters: { alpha: 0.05 },
    responsible: { kind: 'lead_unit', id: 'safety' }, ...over,
  }
}

/** An overdue major hazard, to its district. */
export function overdue(s: Services, over: Partial<Signal> = {}, n: number | string = 0): Signal {
  const place = placeOf(s, n)
  return {
    key: `test:overdue|${place.districtId}|*|*`, detector: 'overdue', level: 'red', ruleId: 'R1', area: { kind: 'district', id: place.districtId },
    category: null, item: null, window: { from: '2026-11-14', to: '2026-11-28' }, observed: 1, expected: null, ratio: null, stats: {},
    streak: null, slope: null, evidence: [], parameters: {}, responsible: { kind: 'district', id: place.districtId }, ...over,
  }
}

/** Detectors that find exactly what `signals()` says as of any day. */
export function fakeDetect(signals: () => Signal[], persistent: () => Signal[] = () => []): Detect {
  return async (_s, asOf): Promise<DetectorRun> => ({ asOf, signals: signals(), persistent: persistent(), timings: {} })
}
