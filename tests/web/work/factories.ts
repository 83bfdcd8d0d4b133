import type { Actor } from '../../../server/domain/roles'
import type { WorkItem } from '../../../web/api/work'
import type { HazardView } from '../../../web/api/hazards'
import { emptyReport, type ReportDraft } from '../../../web/work/report-draft'

/** A hazard as the API shows it: a fresh report in a village unless told otherwise. */
export function makeHazard(overrides: Partial<HazardView> = {}): HazardView {
  return {
    id: 1, code: 'YH0000001', title: '消防通道堵塞', description: '', category: 'safety_accident', item: 'fire',
    status: 'reported', level: null, source: 'routine', location: [120.18, 36.95], areaId: 'V1-G01', villageId: 'V1',
    districtId: 'D1', townId: 'T', siteId: null, discoveredAt: '2026-06-01',
    foundAt: '2026-06-01T09:00:00+08:00', reportedAt: '2026-06-01T09:00:00+08:00', receivedAt: '2026-06-01T09:00:00+08:00', reportedBy: 'grid-V1', measures: null,
    leadUnit: 'safety', responsibleUnit: null, responsiblePerson: null, deadline: null, handlingLevel: null,
    escalated: false, rectifiedAt: null, closedAt: null, campaignId: null, version: 1, updatedAt: '2026-06-01T08:00:00+08:00',
    overdue: false, generalised: false, ...overrides,
  }
}

export function makeItem(overrides: Partial<WorkItem> = {}): WorkItem {
  return { ...makeHazard(), task: 'assess', daysLeft: null, nextSteps: [], ...overrides }
}

/** A report draft with everything a valid report needs. */
export function makeDraft(overrides: Partial<ReportDraft> = {}): ReportDraft {
  return { ...emptyReport('grid'), category: 'safety_accident', item: 'fire', title: '消防通道堵塞', lon: '120.1835', lat: '36.9494', ...overrides }
}

export const actors = {
  grid: { role: 'grid', areaId: 'V1' },
  district: { role: 'district', areaId: 'D1' },
  safety: { role: 'lead_unit', leadUnit: 'safety' },
  police: { role: 'lead_unit', leadUnit: 'police' },
  leader: { role: 'leader' },
  analyst: { role: 'analyst' },
  admin: { role: 'admin' },
  wall: { role: 'wall' },
} satisfies Record<string, Actor>
