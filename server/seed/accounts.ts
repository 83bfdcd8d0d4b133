import { type LeadUnitId, leadUnitIds, leadUnits } from '../domain/categories'
import type { Role } from '../domain/roles'
import type { NewUser } from '../store/types'
import type { Geography } from './geography'
import { accountNames } from './ledger'

/** The demo database's published password (README); real deployments create their own accounts. */
export const DEMO_PASSWORD = 'pingan2026'

type DemoAccount = Omit<NewUser, 'passwordHash'>

/** One account per role, per management district and per village, as api.md lists them. */
export function demoAccounts(geo: Geography): DemoAccount[] {
  const names = accountNames(geo)
  const fixed = (username: string, name: string, role: Role, leadUnit: LeadUnitId | null = null): DemoAccount => ({
    username, name, role, areaId: null, leadUnit,
  })
  return [
    fixed('admin', '系统管理员', 'admin'),
    fixed('leader', '领导小组', 'leader'),
    ...leadUnitIds.map((u) => fixed(u, leadUnits[u].zh, 'lead_unit', u)),
    fixed('analyst', '综治办分析员', 'analyst'),
    fixed('wall', '指挥中心大屏', 'wall'),
    ...names.districts.map((d) => ({ username: names.district(d.id), name: d.name, role: 'district' as const, areaId: d.id, leadUnit: null })),
    ...geo.areas
      .filter((a) => a.level === 'village')
      .map((v) => ({ username: names.grid(v.id), name: `${v.name}网格员`, role: 'grid' as const, areaId: v.id, leadUnit: null })),
  ]
}
