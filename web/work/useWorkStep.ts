import { type Ref, shallowRef } from 'vue'
import { takeAction } from '../api/actions'
import type { HazardView } from '../api/hazards'
import { type PhotoStage, uploadPhoto } from '../api/photos'
import { useLiveStore } from '../stores/live'
import type { Built, Problems } from './actions'
import { type FieldReason, refusalOf } from './refusals'
import { useWorkText } from './useWorkText'

/** Uploads photos one by one; the first refusal stops the rest (they would meet the same fate, e.g. too many). */
export async function uploadPhotos(hazardId: number, files: readonly File[], stage: PhotoStage): Promise<{ sent: File[]; refused?: unknown }> {
  const sent: File[] = []
  for (const file of files) {
    try {
      await uploadPhoto(hazardId, file, stage)
      sent.push(file)
    } catch (refused) {
      return { sent, refused }
    }
  }
  return { sent }
}

/**
 * One lifecycle form's sending: checks the draft, uploads its photos (evidence first, so a step is
 * never recorded without the evidence it claims), then takes the step. A stale version (409)
 * reloads the hazard — the card follows the live revision — and says so.
 */
export function useWorkStep(hazard: () => HazardView, notify: (message: string) => void) {
  const live = useLiveStore()
  const text = useWorkText()
  const busy = shallowRef(false)
  const problems = shallowRef<Problems>({})
  const reasons = shallowRef<Record<string, FieldReason>>({})
  const failure = shallowRef<string>()

  /** Resolves true once the step is recorded. `photos` lose each file once it is uploaded. */
  async function send(build: (version: number) => Built, photos?: { files: Ref<File[]>; stage: PhotoStage }): Promise<boolean> {
    const built = build(hazard().version)
    problems.value = built.ok ? {} : built.problems
    reasons.value = {}
    failure.value = undefined
    if (!built.ok) return false
    busy.value = true
    try {
      if (photos?.files.value.length) {
        const { sent, refused } = await uploadPhotos(hazard().id, photos.files.value, photos.stage)
        photos.files.value = photos.files.value.filter((f) => !sent.includes(f))
        if (refused !== undefined) throw refused
      }
      await takeAction(hazard().id, built.body)
      live.changed()
      return true
    } catch (error) {
      const refusal = refusalOf(error)
      if (refusal.kind === 'fields') reasons.value = refusal.fields
      else if (refusal.kind === 'stale' || refusal.kind === 'notNow') {
        live.changed()
        notify(text.refusal(refusal))
      }
      failure.value = text.refusal(refusal)
      return false
    } finally {
      busy.value = false
    }
  }

  /** What to say next to a field: the form's own check first, then the server's reason. */
  const fieldError = (field: string) => text.problem(problems.value[field]) ?? text.reason(reasons.value[field])

  return { busy, failure, send, fieldError }
}
