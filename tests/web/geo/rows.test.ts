import { describe, expect, it } from 'vitest'
import type { HazardView } from '../../../web/api/hazards'
import { proximityRows } from '../../../web/desk/useProximity'
import { point } from './factories'

const names = { confidential: '保密', unassessed: '未研判', name: (n: { zh: string }) => n.zh }
const school = point([120.2, 36.9], { id: 'S-1', name: '九里夼小学', kind: 'school' as const })

function hit(hazard: Partial<HazardView>, metres: number) {
  const properties = { id: 1, code: 'YH0000001', title: '楼道堆放杂物', generalised: false, category: 'safety_accident', level: 'general', status: 'assigned', ...hazard } as HazardView
  return { hazard: point([120.2, 36.9], properties), site: school, metres }
}

describe('proximityRows', () => {
  it('names the category, level, status and site kind in the reader language, in whole metres', () => {
    expect(proximityRows([hit({}, 123.6)], names)).toEqual([
      { id: 1, code: 'YH0000001', title: '楼道堆放杂物', generalised: false, category: '安全事故', level: '一般', status: '已交办', site: '九里夼小学', siteKind: '学校', metres: 124 },
    ])
  })

  it('shows a generalised hazard as confidential, never its (empty) title', () => {
    const [row] = proximityRows([hit({ generalised: true, title: '' }, 10)], names)
    expect(row).toMatchObject({ title: '保密', generalised: true })
  })

  it('says when a hazard has not been assessed yet', () => {
    expect(proximityRows([hit({ level: null }, 10)], names)[0]!.level).toBe('未研判')
  })
})
