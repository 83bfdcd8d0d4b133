import type { EventView, HazardFeature, HazardView } from '../domain/contract/hazards'
import { type Actor, seesDetails } from '../domain/roles'
import type { Hazard, HazardEvent } from '../domain/schemas'
import { isOverdue } from '../domain/statuses'
import type { Services } from './context'

export type { EventView, HazardView }

/** One hazard as `actor` may see it. */
export function viewHazard(s: Services, actor: Actor, h: Hazard): HazardView {
  return hazardViewer(s, actor)(h)
}

/** A viewer for many hazards (a page, an export): today and the village label points are read once. */
export function hazardViewer(s: Services, actor: Actor): (h: Hazard) => HazardView {
  const today = s.today()
  const labels = s.geography.labels()
  return (h) => view(h, actor, today, labels)
}

function view(h: Hazard, actor: Actor, today: string, labels: Map<string, [number, number]>): HazardView {
  const overdue = isOverdue(h.status, h.deadline, today)
  // How the place was taken is always answered, null when unknown (a seeded or imported hazard).
  const place = { locationAccuracy: h.locationAccuracy ?? null, locationMethod: h.locationMethod ?? null, pinReason: h.pinReason ?? null }
  if (seesDetails(actor, h.category, h.item)) return { ...h, ...place, overdue, generalised: false }
  // Generalised: the village's point, no text, no people, no site, no grid cell, nor how the exact place was taken.
  return {
    ...h,
    locationAccuracy: null,
    locationMethod: null,
    pinReason: null,
    title: '',
    description: '',
    location: labels.get(h.villageId) ?? h.location,
    areaId: h.villageId,
    siteId: null,
    reportedBy: '',
    measures: null,
    responsibleUnit: null,
    responsiblePerson: null,
    overdue,
    generalised: true,
  }
}

export function viewEvents(events: readonly HazardEvent[], generalised: boolean): EventView[] {
  return events.map((e) => ({
    at: e.at,
    actor: generalised ? '' : e.actor,
    action: e.action,
    note: generalised ? null : e.note,
    from: e.from,
    to: e.to,
    ...(e.noPhotoReason && !generalised ? { noPhotoReason: e.noPhotoReason } : {}),
  }))
}

export function hazardFeature(v: HazardView): HazardFeature {
  const { location, ...properties } = v
  return { type: 'Feature', id: v.id, properties, geometry: { type: 'Point', coordinates: location } }
}
