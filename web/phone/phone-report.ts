import { type CategoryId, isItemOf } from '../../server/domain/categories'
import type { HazardReport } from '../../server/domain/contract/hazards'
import { MAX_ACCURACY_M, type PinReasonId } from './gps'
import type { QueuedPhoto } from './outbox/types'

/** Where the report's point came from: a GPS fix (with its accuracy) or a pin the worker placed. */
export interface DraftLocation {
  method: 'gps' | 'pin'
  lon: number
  lat: number
  /** metres, for a GPS fix */
  accuracy?: number
}

/**
 * The report form as saved on every change (IndexedDB, through the outbox core): plain data and the
 * resized photos' Blobs, so a reload, a closed tab or a dead battery gives it back as it was.
 */
export interface PhoneDraft {
  /** when the form was opened on this hazard (ISO): the report's foundAt */
  openedAt: string
  category: CategoryId | ''
  item: string
  title: string
  description: string
  location: DraftLocation | null
  pinReason: PinReasonId | ''
  pinOther: string
  photos: QueuedPhoto[]
  onTheSpot: boolean
  spotNote: string
  spotPhotos: QueuedPhoto[]
  spotNoPhotoReason: string
}

export function emptyDraft(openedAt: string): PhoneDraft {
  return {
    openedAt, category: '', item: '', title: '', description: '', location: null, pinReason: '', pinOther: '',
    photos: [], onTheSpot: false, spotNote: '', spotPhotos: [], spotNoPhotoReason: '',
  }
}

/** The form's fields that can be missing, named as the messages (phone `fields.*`) name them. */
export type DraftField = 'category' | 'item' | 'title' | 'location' | 'pinReason' | 'spotNote' | 'spotNoPhotoReason'

export type BuiltReport = { ok: true; body: HazardReport; photos: QueuedPhoto[] } | { ok: false; missing: DraftField[] }

/**
 * The request the outbox will send, or the fields still missing. `reportedAt` is the queue time;
 * `pinText` the chosen reason in words ('其他' with the worker's own text). A GPS point worse than
 * 100 m is not taken (the server refuses it): the worker must pin it.
 */
export function buildReport(d: PhoneDraft, reportedAt: string, pinText: (d: PhoneDraft) => string): BuiltReport {
  const missing: DraftField[] = []
  const title = d.title.trim()
  if (!d.category) missing.push('category')
  if (!d.item || (d.category && !isItemOf(d.category, d.item))) missing.push('item')
  if (!title) missing.push('title')
  const gpsTooPoor = d.location?.method === 'gps' && (d.location.accuracy === undefined || d.location.accuracy > MAX_ACCURACY_M)
  if (!d.location || gpsTooPoor) missing.push('location')
  if (d.location?.method === 'pin' && (!d.pinReason || (d.pinReason === 'other' && !d.pinOther.trim()))) missing.push('pinReason')
  if (d.onTheSpot && !d.spotNote.trim()) missing.push('spotNote')
  if (d.onTheSpot && d.spotPhotos.length === 0 && !d.spotNoPhotoReason.trim()) missing.push('spotNoPhotoReason')
  if (missing.length || !d.category || !d.location) return { ok: false, missing }
  const description = d.description.trim()
  const loc = d.location
  const body: HazardReport = {
    category: d.category, item: d.item, title: title.slice(0, 120), location: [loc.lon, loc.lat], source: 'routine',
    foundAt: d.openedAt, reportedAt,
    ...(description && { description }),
    locationMethod: loc.method,
    ...(loc.method === 'gps' && loc.accuracy !== undefined && { locationAccuracy: Math.round(loc.accuracy * 10) / 10 }),
    ...(loc.method === 'pin' && { pinReason: pinText(d).slice(0, 200) }),
    ...(d.onTheSpot && {
      onTheSpot: { note: d.spotNote.trim(), ...(d.spotPhotos.length === 0 && { noPhotoReason: d.spotNoPhotoReason.trim() }) },
    }),
  }
  return { ok: true, body, photos: [...d.photos, ...(d.onTheSpot ? d.spotPhotos : [])] }
}
