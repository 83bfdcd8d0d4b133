import { leadUnitIds, leadUnits } from '../domain/categories'
import { addDays, chinaDayStart } from '../domain/days'
import type { PostKind } from '../domain/posts'
import type { NewPostRecord } from '../store/types'
import type { Geography } from './geography'
import { accountNames } from './ledger'
import { mobile, personName } from './names'
import { Random } from './random'

/** Grid cells whose worker is replaced during the demo year, so "as of a date" has something to show. */
export const REPLACED_CELLS = 3

/**
 * The demo year's posts: every grid cell's worker (signing in with the village's account), each
 * district's head and each lead unit's (with their accounts), each key site's responsible person
 * (the site's own), all from the campaign's first day; and a few grid workers replaced mid-year,
 * the old record closed the day before the new one opens. Same seed, same posts.
 */
export function planPosts(geo: Geography, seed: number, campaignStart: string): NewPostRecord[] {
  const random = new Random(seed).fork('posts')
  const accounts = accountNames(geo)
  const record = (kind: PostKind, placeId: string, name: string, phone: string | null, username: string | null, validFrom = campaignStart): NewPostRecord => ({
    kind, placeId, name, phone, username, validFrom, validTo: null, createdBy: 'admin', createdAt: chinaDayStart(validFrom),
  })
  const cells = geo.areas.filter((a) => a.level === 'grid')
  const workers = cells.map((c) => record('grid_worker', c.id, personName(random), mobile(random), accounts.grid(c.parentId!)))
  const out = [
    ...workers,
    ...accounts.districts.map((d) => record('district_head', d.id, personName(random), mobile(random), accounts.district(d.id))),
    ...leadUnitIds.map((u) => record('lead_unit_head', u, `${leadUnits[u].zh}${personName(random)}`, mobile(random), u)),
    ...geo.sites.map((s) => record('site_head', s.id, s.responsible.name, s.responsible.phone, null)),
  ]
  // Distinct cells, each handed over on a day between the fourth and the eighth month of the year.
  const replaced = new Set<number>()
  while (replaced.size < Math.min(REPLACED_CELLS, cells.length)) replaced.add(random.int(0, cells.length - 1))
  for (const i of [...replaced].sort((a, b) => a - b)) {
    const old = workers[i]!
    const from = addDays(campaignStart, random.int(100, 240))
    old.validTo = addDays(from, -1)
    out.push(record('grid_worker', old.placeId, personName(random), mobile(random), old.username, from))
  }
  return out
}
