import type { SiteCollection } from '../../server/domain/contract/reference'
import type { SiteKind } from '../../server/domain/sites'
import { api, call } from './client'

export type { SiteCollection, SiteProperties } from '../../server/domain/contract/reference'
export type SiteFeature = SiteCollection['features'][number]

/**
 * `GET /api/sites?kind=&area=` — key sites (重点场所). The server keeps to the caller's reach: a
 * grid worker gets the sites of their village only.
 */
export function fetchSites(filter: { kind?: SiteKind[]; area?: string[] } = {}): Promise<SiteCollection> {
  const query: { kind?: string; area?: string } = {}
  if (filter.kind?.length) query.kind = filter.kind.join(',')
  if (filter.area?.length) query.area = filter.area.join(',')
  return call(api.sites.$get({ query }))
}
