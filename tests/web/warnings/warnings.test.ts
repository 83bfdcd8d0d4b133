import { describe, expect, it } from 'vitest'
import type { Geometry } from 'geojson'
import type { WarningView } from '../../../web/api/warnings'
import { mayReadWarnings } from '../../../web/records/access'
import { actionInput, levelsFor } from '../../../web/warnings/actions'
import { byUrgency, chinaMinute, drawnOnMap, emptyWarningFilter, figure, firstLine, parseIds, standingCellFeatures, warnedCellFeatures, warningAsk } from '../../../web/warnings/warnings'

/** A warning as the list gives it, with only what the helpers read set by the test. */
function warning(over: Partial<WarningView> & Pick<WarningView, 'id'>): WarningView {
  return {
    code: `YJ-2026-${String(over.id).padStart(4, '0')}`, detector: 'hot_spot', level: 'yellow', detectedLevel: 'yellow', status: 'issued',
    category: 'safety_accident', item: null, pattern: 'new', reason: { zh: '原因\n第二行', en: 'why\nmore' }, internalNotice: false,
    window: { from: '2026-06-01', to: '2026-06-15' }, observed: 9, observedAtIssue: 9, expected: 2.1, ratio: 4.3, stats: {}, streak: 3, slope: 1.2,
    evidence: [], upcoming: [], parameters: {}, ruleId: 'R5', ruleVersion: 'YJ-2026.1', rule: { zh: '', en: '' },
    responsible: { kind: 'lead_unit', id: 'safety', name: '应急管理' }, issuedAt: '2026-06-15T01:00:00Z', issuedOn: '2026-06-15',
    responseDeadline: '2026-06-22', lastFiredOn: '2026-06-15', liftProposed: false, liftedAt: null, liftReason: null, may: [],
    area: { kind: 'cells', id: 'a', name: '南村庄', nameEn: 'Nancun', cells: [], villageId: null, districtId: null },
    ...over,
  }
}
const square: Geometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }
const cells = (ids: string[]) => ({ kind: 'cells' as const, id: ids.join(), name: '', nameEn: '', cells: ids, villageId: null, districtId: null })

describe('warningAsk', () => {
  it('asks for the open warnings of the whole town when nothing is chosen', () => {
    expect(warningAsk(emptyWarningFilter())).toEqual({ status: 'open' })
  })

  it('sends levels in the rule table’s order, the category, area and detector, and every status once lifted ones are wanted', () => {
    const ask = warningAsk({ levels: ['blue', 'red'], category: 'mass_incident', area: 'd-1', detector: 'overdue', withLifted: true })
    expect(ask).toEqual({ level: 'red,blue', category: 'mass_incident', area: 'd-1', detector: 'overdue' })
  })
})

describe('byUrgency', () => {
  it('puts open before lifted, red before blue, then the newest first', () => {
    const rows = [
      warning({ id: 1, level: 'red', status: 'lifted' }),
      warning({ id: 2, level: 'blue' }),
      warning({ id: 3, level: 'orange', issuedOn: '2026-06-01' }),
      warning({ id: 4, level: 'orange', issuedOn: '2026-06-10' }),
    ]
    expect([...rows].sort(byUrgency).map((w) => w.id)).toEqual([4, 3, 2, 1])
  })
})

describe('the map layer’s features', () => {
  it('draws each warned cell once in its most severe open warning’s colour, outlining the opened warning’s cells', () => {
    const list = [
      warning({ id: 1, level: 'yellow', area: cells(['g1', 'g2']) }),
      warning({ id: 2, level: 'red', area: cells(['g2', 'g3']) }),
      warning({ id: 3, level: 'red', status: 'lifted', area: cells(['g4']) }),
      warning({ id: 4, level: 'blue', area: cells(['unknown']) }),
    ]
    const fc = warnedCellFeatures(list, (id) => (id === 'unknown' ? undefined : square), 1)
    expect(fc.features.map((f) => f.properties)).toEqual([
      { id: 'g1', level: 'yellow', color: '#f2c500', opened: true, broad: false },
      { id: 'g2', level: 'red', color: '#d7191c', opened: true, broad: false },
      { id: 'g3', level: 'red', color: '#d7191c', opened: false, broad: false },
    ])
  })

  it('leaves the town-wide and the units’ warnings off the map, and draws a district-wide one faintly unless a cluster of its level covers the cell', () => {
    const list = [
      warning({ id: 1, level: 'blue', area: { ...cells(['g1', 'g2']), kind: 'town' } }),
      warning({ id: 2, level: 'yellow', area: { ...cells(['g3']), kind: 'unit' } }),
      warning({ id: 3, level: 'yellow', area: { ...cells(['g4', 'g5']), kind: 'district' } }),
      warning({ id: 4, level: 'yellow', area: cells(['g5']) }),
    ]
    expect(list.map(drawnOnMap)).toEqual([false, false, true, true])
    expect(warnedCellFeatures(list, () => square).features.map((f) => [f.properties!['id'], f.properties!['broad']])).toEqual([
      ['g4', true],
      ['g5', false],
    ])
  })

  it('draws each standing hot spot cell once', () => {
    const fc = standingCellFeatures([['g1', 'g2'], ['g2', 'g5']], () => square)
    expect(fc.features.map((f) => f.properties!['id'])).toEqual(['g1', 'g2', 'g5'])
  })
})

describe('texts and numbers', () => {
  it('shows an instant in China’s time', () => {
    expect(chinaMinute('2026-06-14T17:05:09.000Z')).toBe('2026-06-15 01:05')
  })

  it('takes the reason’s first line', () => {
    expect(firstLine('南村庄 近半月 9 起\n预期 2.1 起')).toBe('南村庄 近半月 9 起')
  })

  it('writes small probabilities as powers of ten and the rest to three significant digits', () => {
    expect(figure(3e-4)).toBe('3.0×10⁻⁴')
    expect(figure(3.4123)).toBe('3.41')
    expect(figure(9)).toBe('9')
    expect(figure(null)).toBe('—')
  })

  it('reads linked ids separated by commas or spaces, and refuses anything else', () => {
    expect(parseIds('12, 15，30 12')).toEqual([12, 15, 30])
    expect(parseIds('')).toEqual([])
    expect(parseIds('12, x')).toBeUndefined()
    expect(parseIds('0')).toBeUndefined()
  })
})

describe('the action form’s request', () => {
  it('offers raising to the more severe levels and lowering to the less severe, nearest first', () => {
    expect(levelsFor('raise', 'yellow')).toEqual(['orange', 'red'])
    expect(levelsFor('lower', 'yellow')).toEqual(['blue'])
    expect(levelsFor('raise', 'red')).toEqual([])
  })

  it('asks for a note where the server needs one, a level to raise to, and sends links only with a response or a link', () => {
    const draft = { note: '', level: '' as const, hazardIds: [3], inspectionIds: [] }
    expect(actionInput('acknowledge', draft)).toEqual({ input: { action: 'acknowledge' } })
    expect(actionInput('respond', draft)).toEqual({ missing: 'note' })
    expect(actionInput('respond', { ...draft, note: ' 已组织排查 ' })).toEqual({ input: { action: 'respond', note: '已组织排查', hazardIds: [3] } })
    expect(actionInput('raise', { ...draft, note: '扩散' })).toEqual({ missing: 'level' })
    expect(actionInput('raise', { ...draft, note: '扩散', level: 'red' })).toEqual({ input: { action: 'raise', note: '扩散', level: 'red' } })
    expect(actionInput('lift', { ...draft, note: '已整改' })).toEqual({ input: { action: 'lift', note: '已整改' } })
  })
})

describe('the workbench’s 预警 tab', () => {
  it('is offered to those who respond and those who oversee, not to villages, the wall or the admin', () => {
    expect(mayReadWarnings({ role: 'lead_unit', leadUnit: 'safety' })).toBe(true)
    expect(mayReadWarnings({ role: 'district', areaId: 'd1' })).toBe(true)
    expect(mayReadWarnings({ role: 'leader' })).toBe(true)
    expect(mayReadWarnings({ role: 'analyst' })).toBe(true)
    for (const role of ['grid', 'wall', 'admin'] as const) expect(mayReadWarnings({ role }), role).toBe(false)
  })
})
