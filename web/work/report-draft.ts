import { type CategoryId, categories, isItemOf } from '../../server/domain/categories'
import { type Actor, actorCategory } from '../../server/domain/roles'
import type { Role } from '../../server/domain/roles'
import type { SourceId } from '../../server/domain/sources'
import type { HazardReport } from '../../server/domain/contract/hazards'
import type { LonLat } from '../api/areas'
import type { Problems } from './actions'
import type { FormFieldOf } from './refusals'

/** What the report form holds, as typed: coordinates stay text until sent. */
export interface ReportDraft {
  category: CategoryId | ''
  item: string
  title: string
  description: string
  source: SourceId
  lon: string
  lat: string
  siteId: string
  /** 发现时间: YYYY-MM-DDTHH:mm in China time (a datetime-local field), '' for now */
  foundAt: string
  /** 当场整改: registered and recorded rectified at once, with what was done */
  onTheSpot: boolean
  spotNote: string
  /** why no after-photo can exist, when none is attached: the evidence the second person verifying it needs */
  spotNoPhotoReason: string
}

/** How each reporting role usually finds hazards (排查方式): the village checks, the district's rounds, the units' plans. */
const usualSource: Partial<Record<Role, SourceId>> = { grid: 'routine', district: 'concentrated', lead_unit: 'focused' }

export function emptyReport(role: Role): ReportDraft {
  return {
    category: '', item: '', title: '', description: '', source: usualSource[role] ?? 'routine',
    lon: '', lat: '', siteId: '', foundAt: '', onTheSpot: false, spotNote: '', spotNoPhotoReason: '',
  }
}

/** The categories a reporter may choose: a lead unit reports in its own category only. */
export function reportCategories(actor: Actor) {
  const own = actorCategory(actor)
  return own ? categories.filter((c) => c.id === own) : categories
}

/** The coordinates as typed, when both are numbers in range; the server decides whether they lie in the town. */
export function draftPoint(d: Pick<ReportDraft, 'lon' | 'lat'>): LonLat | undefined {
  if (!d.lon.trim() || !d.lat.trim()) return undefined
  const lon = Number(d.lon)
  const lat = Number(d.lat)
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) return undefined
  return [lon, lat]
}

const CHINA_OFFSET_MS = 8 * 3_600_000

/**
 * Now as the form's 发现时间 field writes it (YYYY-MM-DDTHH:mm, China time) on the server's today:
 * the clock's time of day on that day when the server keeps another (a pinned demo), as the server does.
 */
export function formNow(today?: string, clock = Date.now()): string {
  const china = new Date(clock + CHINA_OFFSET_MS).toISOString()
  return `${today ?? china.slice(0, 10)}T${china.slice(11, 16)}`
}

export type ReportBuilt = { ok: true; body: HazardReport } | { ok: false; problems: Problems }

/**
 * The request from the form, or what must be fixed first (keyed by the form's field names); `now`
 * as formNow writes it, for a 发现时间 that must not be later. An
 * on-the-spot rectification travels in the report itself (`onTheSpot`): one request registers the
 * hazard already rectified. Given how many after-photos go with it, none requires the reason why.
 */
export function reportRequest(d: ReportDraft, now?: string, spotPhotos?: number): ReportBuilt {
  const problems: Problems = {}
  const title = d.title.trim()
  const description = d.description.trim()
  const spotNote = d.spotNote.trim()
  const location = draftPoint(d)
  if (!d.category) problems['category'] = 'required'
  if (!d.item || (d.category && !isItemOf(d.category, d.item))) problems['item'] = 'required'
  if (!title) problems['title'] = 'required'
  else if (title.length > 120) problems['title'] = 'tooLong'
  if (description.length > 4000) problems['description'] = 'tooLong'
  if (!location) problems['location'] = d.lon.trim() || d.lat.trim() ? 'badCoordinate' : 'required'
  if (d.foundAt && now && d.foundAt > now) problems['foundAt'] = 'future'
  if (d.onTheSpot && !spotNote) problems['spotNote'] = 'required'
  const spotNoPhotoReason = spotPhotos === 0 ? (d.spotNoPhotoReason ?? '').trim() : ''
  if (d.onTheSpot && spotPhotos === 0 && !spotNoPhotoReason) problems['spotNoPhotoReason'] = 'required'
  else if (spotNoPhotoReason.length > 2000) problems['spotNoPhotoReason'] = 'tooLong'
  if (Object.keys(problems).length || !d.category || !location) return { ok: false, problems }
  const body: HazardReport = {
    category: d.category, item: d.item, title, location, source: d.source,
    ...(description && { description }),
    ...(d.siteId && { siteId: d.siteId }),
    // The town's clock: the field's wall time is China's.
    ...(d.foundAt && { foundAt: `${d.foundAt}:00+08:00` }),
    ...(d.onTheSpot && { onTheSpot: { note: spotNote, ...(spotNoPhotoReason && { noPhotoReason: spotNoPhotoReason }) } }),
  }
  return { ok: true, body }
}

/** The report form's field for a field the server names: the on-the-spot evidence is typed in its own two fields. */
export const reportField: FormFieldOf = (field) => {
  if (field === 'onTheSpot.note') return 'spotNote'
  if (field === 'onTheSpot.noPhotoReason') return 'spotNoPhotoReason'
  return field.split('.')[0]!
}
