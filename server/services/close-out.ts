import type { CloseOut } from '../domain/lifecycle'
import type { Hazard, HazardEvent } from '../domain/schemas'
import type { Services } from './context'

/**
 * The four-eyes facts (domain/lifecycle.ts, CloseOut) about one reader and one hazard: whether they
 * reported it or reported any rectification of it, and the evidence of the rectification under
 * review. That rectification's round starts after the last failed verification: a photo taken for a
 * rectification already sent back is not evidence of the new one. Photos are uploaded before the
 * rectify step (web/work/useWorkStep.ts) or after it, so the round's bound is the failure,
 * not the step.
 */
export function closeOutFor(s: Services, username: string, h: Pick<Hazard, 'id' | 'reportedBy'>, events: readonly HazardEvent[], readsText = true): CloseOut {
  const rectifiedBy = events.some((e) => e.action === 'rectify' && e.actor === username)
  const own = h.reportedBy === username ? 'reported' : rectifiedBy ? 'rectified' : null
  const failedAt = events.findLastIndex((e) => e.action === 'verify' && e.to === 'rectifying')
  const since = failedAt >= 0 ? Date.parse(events[failedAt]!.at) : -Infinity
  const photos = s.store.photos.forHazard(h.id).filter((p) => p.stage === 'rectified' && Date.parse(p.createdAt) > since).length
  // The events' order, not their clock, says whether the rectification came after the failure.
  const rectifyAt = events.findLastIndex((e) => e.action === 'rectify')
  const reason = rectifyAt > failedAt ? (events[rectifyAt]!.noPhotoReason ?? null) : null
  return { own, photos, noPhotoReason: reason === null ? null : readsText ? reason : '' }
}
