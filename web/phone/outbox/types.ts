import type { HazardAction, HazardReport, HazardView } from '../../../server/domain/contract/hazards'
import type { PhotoStage } from '../../../server/domain/contract/photos'

/**
 * The phone's outbox (issue 15): what a grid worker did without signal, kept in IndexedDB until the
 * server has said it has it. States as the worker reads them: 草稿 draft, 待发送 queued, 发送中 sending,
 * 已发送 sent, 需处理 attention (the server refused it, or the hazard changed meanwhile).
 */
export type OutboxState = 'draft' | 'queued' | 'sending' | 'sent' | 'attention'

/** A photo waiting to go up on its own, already resized on the phone (JPEG, long side ≤ 1600 px, ≤ 500 KB). */
export interface QueuedPhoto {
  /** made on the phone; the upload's `clientId`, so a repeated upload is recognised */
  clientId: string
  stage: PhotoStage
  blob: Blob
  /** the camera's capture time from the original's EXIF (ISO instant), when it had one */
  takenAt?: string
  /** the server's photo id once it answered */
  uploadedId?: number
}

/** Why an item needs the worker: the server's refusal in words, and for a stale action both versions. */
export interface OutboxProblem {
  status: number
  code: string
  message: string
  /** a queued action on a hazard that changed meanwhile: the hazard as the action was made on it, and as it is now */
  conflict?: { mine: HazardView; theirs: HazardView }
}

interface ItemBase {
  /** the Idempotency-Key: a UUID made on the phone when the item was queued */
  clientId: string
  /** who queued it (an outbox is per account on a shared phone) */
  username: string
  state: OutboxState
  /** ISO instants: queued on the phone (= the report's reportedAt), last changed */
  queuedAt: string
  updatedAt: string
  photos: QueuedPhoto[]
  attempts: number
  /** when the sender may try again (epoch ms), after a failure without an answer */
  nextAttemptAt: number
  problem?: OutboxProblem
}

/** A new hazard report; `body.foundAt` is when it was found, `body.reportedAt` when it was queued. */
export interface ReportItem extends ItemBase {
  kind: 'report'
  body: HazardReport
  /** the hazard the server made, once it answered (photos then go to it) */
  hazardId?: number
  code?: string
}

/** A step on an assigned hazard (start, rectify), made on the version the phone had. */
export interface ActionItem extends ItemBase {
  kind: 'action'
  hazardId: number
  body: HazardAction
  /** the hazard as the worker saw it when acting (shown beside the server's in a conflict) */
  seen: HazardView
}

export type OutboxItem = ReportItem | ActionItem
