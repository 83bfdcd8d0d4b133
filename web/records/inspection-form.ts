import type { AreaLevel } from '../../server/domain/areas'
import type { NewInspection } from '../../server/domain/contract/inspections'
import type { AreaProperties } from '../../server/domain/contract/reference'
import { type CategoryId, categories } from '../../server/domain/categories'
import { type Actor, actorCategory } from '../../server/domain/roles'
import type { InspectionSource } from '../../server/domain/sources'

export interface InspectionDraft {
  source: InspectionSource
  areaId: string
  date: string
  inspectors: string
  checked: string
  findings: string
  hazardsFound: number
  /** the category the round concerns, '' for none: its text then needs that category's clearance to read */
  category: CategoryId | ''
  /** the key site checked, '' for none: the check then counts for that site's due check */
  siteId: string
  /** nothing found (未发现隐患): the count is 0 and the findings may stay empty */
  nothingFound: boolean
  /** where the inspector stood: not recorded, the site's own point, or one picked on the map */
  locationFrom: LocationSource
  picked: LonLat | null
}

export type LocationSource = 'none' | 'site' | 'map'
export type LonLat = [number, number]

export type InspectionField = 'areaId' | 'date' | 'inspectors' | 'hazardsFound' | 'location'
export type InspectionProblem = 'required' | 'future' | 'count'

/**
 * A fresh form: the village records its own routine self-check, the others the town's half-month
 * round, as the plan gives each its cadence.
 */
export function inspectionDraft(actor: Actor, today: string): InspectionDraft {
  return {
    source: actor.role === 'grid' ? 'routine' : 'concentrated',
    areaId: actor.role === 'grid' ? (actor.areaId ?? '') : '',
    date: today,
    inspectors: '',
    checked: '',
    findings: '',
    hazardsFound: 0,
    // A lead unit's round concerns its own category (its 维稳 text stays with those cleared for it).
    category: actorCategory(actor) ?? '',
    siteId: '',
    nothingFound: false,
    locationFrom: 'none',
    picked: null,
  }
}

/** The categories a role may say a round concerns: a lead unit its own, others any (or none, always). */
export function inspectionCategories(actor: Actor) {
  const own = actorCategory(actor)
  return own ? categories.filter((c) => c.id === own) : categories
}

/** What must be fixed before the form is sent; the server checks the same and the area's reach. */
export function inspectionProblems(d: InspectionDraft, today: string): Partial<Record<InspectionField, InspectionProblem>> {
  const problems: Partial<Record<InspectionField, InspectionProblem>> = {}
  if (!d.areaId) problems.areaId = 'required'
  if (!d.date) problems.date = 'required'
  else if (d.date > today) problems.date = 'future'
  if (!d.inspectors.trim()) problems.inspectors = 'required'
  if (!d.nothingFound && (!Number.isInteger(d.hazardsFound) || d.hazardsFound < 0)) problems.hazardsFound = 'count'
  if (d.locationFrom === 'map' && !d.picked) problems.location = 'required'
  if (d.locationFrom === 'site' && !d.siteId) problems.location = 'required'
  return problems
}

/** A district or village a form offers: the area's own fields (server/domain/contract/reference.ts). */
export type AreaChoice = Pick<AreaProperties, 'id' | 'name' | 'parentId'> & { level: Extract<AreaLevel, 'district' | 'village'> }

/**
 * The areas a role may record an inspection for: a grid worker its village; a district officer
 * its district and the villages in it; lead units anywhere in the town.
 */
export function inspectableAreas(actor: Actor, areas: readonly AreaChoice[]): AreaChoice[] {
  if (actor.role === 'grid') return areas.filter((a) => a.id === actor.areaId)
  if (actor.role === 'district') return areas.filter((a) => a.id === actor.areaId || a.parentId === actor.areaId)
  return [...areas]
}

/** Where the check was made, as the body states it: the site's point, the picked one, or none. */
export function locationOf(d: InspectionDraft, siteLocation: (id: string) => LonLat | undefined): LonLat | undefined {
  if (d.locationFrom === 'site') return d.siteId ? siteLocation(d.siteId) : undefined
  if (d.locationFrom === 'map') return d.picked ?? undefined
  return undefined
}

/** The body of `POST /api/inspections`: optional text left out when empty; nothing found is a count of 0. */
export function inspectionBody(d: InspectionDraft, siteLocation: (id: string) => LonLat | undefined = () => undefined): NewInspection {
  const location = locationOf(d, siteLocation)
  return {
    source: d.source,
    areaId: d.areaId,
    date: d.date,
    inspectors: d.inspectors.trim(),
    hazardsFound: d.nothingFound ? 0 : d.hazardsFound,
    ...(d.checked.trim() && { checked: d.checked.trim() }),
    ...(d.findings.trim() && { findings: d.findings.trim() }),
    ...(d.category && { category: d.category }),
    ...(d.siteId && { siteId: d.siteId }),
    ...(location && { location }),
  }
}
