import type { HazardAction, HazardReport, HazardView } from '../../../server/domain/contract/hazards'
import type { HazardPhoto } from '../../../server/domain/contract/photos'
import { CallError } from '../../api/client'
import type { QueuedPhoto } from './types'

/**
 * A call not answered by then is given up as "no answer" (and resent later under the same key): on a
 * stalled connection fetch may wait for minutes, holding the sender and every item behind it. A photo
 * (≤ 500 KB) gets longer, for a slow 2G/3G uplink.
 */
export const CALL_TIMEOUT_MS = 30_000
export const PHOTO_TIMEOUT_MS = 120_000

/**
 * The outbox's calls to the server. Plain fetch rather than the typed client: each send carries its
 * `Idempotency-Key` header, and the answer's status decides the item's fate. A refusal comes back as
 * the same CallError the desk uses (status 0 when nothing answered).
 */
export class OutboxHttp {
  constructor(private readonly fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init)) {}

  /** `POST /api/hazards`, keyed by the item: a resend after a lost answer gets the first answer. */
  async report(clientId: string, body: HazardReport): Promise<HazardView> {
    return (await this.send<{ hazard: HazardView }>('/api/hazards', { method: 'POST', headers: jsonKeyed(clientId), body: JSON.stringify(body) })).hazard
  }

  /** `POST /api/hazards/:id/actions`, keyed by the item; a stale `version` is a 409 `stale_version`. */
  async act(hazardId: number, clientId: string, body: HazardAction): Promise<HazardView> {
    return (await this.send<{ hazard: HazardView }>(`/api/hazards/${hazardId}/actions`, { method: 'POST', headers: jsonKeyed(clientId), body: JSON.stringify(body) })).hazard
  }

  /** `POST /api/hazards/:id/photos`: one photo with its own clientId, so a repeat is recognised (200) rather than stored twice. */
  async photo(hazardId: number, photo: QueuedPhoto): Promise<HazardPhoto> {
    const form = new FormData()
    form.append('photo', photo.blob, `${photo.clientId}.jpg`)
    form.append('stage', photo.stage)
    form.append('clientId', photo.clientId)
    if (photo.takenAt) form.append('takenAt', photo.takenAt)
    return (await this.send<{ photo: HazardPhoto }>(`/api/hazards/${hazardId}/photos`, { method: 'POST', body: form }, PHOTO_TIMEOUT_MS)).photo
  }

  /** `GET /api/hazards/:id`: the hazard as it now is (for a conflict's "theirs"). */
  async hazard(hazardId: number): Promise<HazardView> {
    return (await this.send<{ hazard: HazardView }>(`/api/hazards/${hazardId}`, { method: 'GET' })).hazard
  }

  private async send<T>(path: string, init: RequestInit, timeoutMs = CALL_TIMEOUT_MS): Promise<T> {
    let res: Response
    try {
      const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(timeoutMs) : undefined
      res = await this.fetcher(path, { ...init, signal, credentials: 'same-origin', headers: { Accept: 'application/json', ...init.headers } })
    } catch (cause) {
      throw new CallError(0, 'no_answer', cause instanceof Error ? cause.message : String(cause))
    }
    if (res.ok) return (await res.json()) as T
    throw await refusalOf(res)
  }
}

function jsonKeyed(clientId: string): Record<string, string> {
  return { 'Content-Type': 'application/json', 'Idempotency-Key': clientId }
}

/** The server's `{"error": {"code", "message", "details"}}`, or what a proxy's page leaves of it. */
async function refusalOf(res: Response): Promise<CallError> {
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: unknown; message?: unknown; details?: unknown } }
  const code = typeof body.error?.code === 'string' ? body.error.code : `http_${res.status}`
  const message = typeof body.error?.message === 'string' ? body.error.message : res.statusText
  return new CallError(res.status, code, message, body.error?.details)
}
