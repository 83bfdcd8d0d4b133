import { isConfidential } from '../domain/categories'
import type { HazardDetail, HazardList } from '../domain/contract/hazards'
import { toDay } from '../domain/days'
import type { HazardFilter } from '../domain/filters'
import type { ActingUser } from '../domain/roles'
import { audit } from './audit'
import { closeOutFor } from './close-out'
import type { Services } from './context'
import { hazardFeature, hazardViewer, viewEvents, viewHazard } from './hazard-view'
import { hazardFor } from './hazards'
import { photosOf } from './photos'
import { newestHazards } from './statistics'
import { supervisionDetail } from './supervision'

/** A page of the list: at most `limit` hazards, after the one `cursor` (`<day>-<id>`, from the last page) names. */
export interface Page {
  limit: number
  cursor?: string
}

/**
 * `GET /api/hazards`: the ledger newest first within the actor's reach, one page at a time. Every
 * read of confidential detail is audited, lists included.
 */
export function listHazards(s: Services, actor: ActingUser, filter: HazardFilter, page: Page): HazardList {
  const [day, id] = page.cursor ? page.cursor.split('-').map(Number) : []
  const ids = newestHazards(s, actor, filter, page.limit + 1, day !== undefined && id !== undefined ? { day, id } : undefined)
  const rows = s.store.hazards.getMany(ids.slice(0, page.limit))
  const views = rows.map(hazardViewer(s, actor))
  const secret = views.filter((v) => !v.generalised && isConfidential(v.item))
  if (secret.length) audit(s, actor, 'list_hazards', secret.map((v) => v.id).join(','))
  const last = rows.at(-1)
  const nextCursor = ids.length > page.limit && last ? `${toDay(last.discoveredAt)}-${last.id}` : undefined
  return { type: 'FeatureCollection', features: views.map(hazardFeature), ...(nextCursor ? { nextCursor } : {}) }
}

/**
 * `GET /api/hazards/:id`: one hazard within reach (404 otherwise), its history, photos and the
 * reader's four-eyes facts and its supervision (挂牌督办, extensions); generalised where the reader is not cleared. Confidential reads are audited.
 */
export function hazardDetail(s: Services, actor: ActingUser, id: number): HazardDetail {
  const h = hazardFor(s, actor, id)
  const hazard = viewHazard(s, actor, h)
  const events = s.store.hazards.events(id)
  if (!hazard.generalised && isConfidential(h.item)) audit(s, actor, 'read_hazard', String(h.id))
  const closeOut = closeOutFor(s, actor.username, h, events, !hazard.generalised)
  return { hazard, events: viewEvents(events, hazard.generalised), photos: photosOf(s, h.id, hazard.generalised), closeOut, ...supervisionDetail(s, actor, h, hazard.generalised) }
}
