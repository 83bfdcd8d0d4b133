import type { HazardAction, HazardReport, HazardView } from '../../../server/domain/contract/hazards'
import type { PhotoStage } from '../../../server/domain/contract/photos'
import type { ActionItem, OutboxItem, OutboxState, QueuedPhoto, ReportItem } from './types'
import { newId } from './uuid'

/** A photo as the screens hand it over: already resized; the outbox gives it a clientId unless it has one. */
export interface NewPhoto {
  clientId?: string
  blob: Blob
  stage?: PhotoStage
  takenAt?: string
}

function queuedPhotos(photos: readonly NewPhoto[], stage: PhotoStage): QueuedPhoto[] {
  return photos.map((p) => ({ clientId: p.clientId ?? newId(), stage: p.stage ?? stage, blob: p.blob, ...(p.takenAt ? { takenAt: p.takenAt } : {}) }))
}

/** A new report, queued now: its clientId is the Idempotency-Key, and the queue time its `reportedAt` unless the form set one. */
export function reportItem(username: string, body: HazardReport, photos: readonly NewPhoto[], now: Date): ReportItem {
  const at = now.toISOString()
  return {
    kind: 'report', clientId: newId(), username, state: 'queued', queuedAt: at, updatedAt: at,
    body: { ...body, reportedAt: body.reportedAt ?? at }, photos: queuedPhotos(photos, 'found'), attempts: 0, nextAttemptAt: 0,
  }
}

/** A step on a hazard as the worker saw it; its `version` is that hazard's, so a change meanwhile is a conflict, not an overwrite. */
export function actionItem(username: string, hazard: HazardView, body: HazardAction, photos: readonly NewPhoto[], now: Date): ActionItem {
  const at = now.toISOString()
  return {
    kind: 'action', clientId: newId(), username, state: 'queued', queuedAt: at, updatedAt: at, hazardId: hazard.id,
    body: { ...body, version: hazard.version }, seen: hazard, photos: queuedPhotos(photos, 'rectified'), attempts: 0, nextAttemptAt: 0,
  }
}

/** Back in the queue as it is, to be sent at once (after the worker fixed what the server refused, or simply tries again). */
export function retried<T extends OutboxItem>(item: T, now: Date): T {
  return { ...item, state: 'queued', problem: undefined, attempts: 0, nextAttemptAt: 0, updatedAt: now.toISOString() }
}

/**
 * A stale action made again on the hazard as the server now has it: the version and the "seen"
 * hazard become the server's, under a new key (the old key's answer was the 409). Undefined when
 * the item is not a conflict.
 */
export function redoneOnTheirs(item: OutboxItem, now: Date): ActionItem | undefined {
  const theirs = item.problem?.conflict?.theirs
  if (item.kind !== 'action' || !theirs) return undefined
  return { ...retried(item, now), clientId: newId(), body: { ...item.body, version: theirs.version }, seen: theirs }
}

/** States the worker still waits on: everything but 已发送. */
export function unsent(item: OutboxItem): boolean {
  return item.state !== 'sent'
}

/** A queued report shown in the worker's own list and on the map, marked 未发送 until the server has it. */
export interface UnsentHazard {
  clientId: string
  state: OutboxState
  title: string
  category: HazardReport['category']
  item: HazardReport['item']
  location: HazardReport['location']
  foundAt: string
  /** the server's code once the hazard went up while its photos have not */
  code?: string
  photos: number
}

export function unsentHazards(items: readonly OutboxItem[]): UnsentHazard[] {
  return items
    .filter((i): i is ReportItem => i.kind === 'report' && unsent(i))
    .map((i) => ({
      clientId: i.clientId, state: i.state, title: i.body.title, category: i.body.category, item: i.body.item, location: i.body.location,
      foundAt: i.body.foundAt ?? i.queuedAt, photos: i.photos.length, ...(i.code ? { code: i.code } : {}),
    }))
}
