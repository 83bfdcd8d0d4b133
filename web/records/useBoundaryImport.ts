import { computed, ref, shallowRef } from 'vue'
import { type BoundaryImportResult, importBoundaries } from '../api/boundaries'
import { boundaryDraft, boundaryProblems, boundaryRequest } from './boundary-form'
import { messageOf } from './errors'
import { type RejectionLine, featureRejectionsOf, rejectionLines } from './rejections'

/** The administrator's boundary import: a draft, the outcome, or every refused feature with its reasons. */
export function useBoundaryImport() {
  const draft = ref(boundaryDraft())
  const tried = shallowRef(false)
  const importing = shallowRef(false)
  const result = shallowRef<BoundaryImportResult>()
  const failure = shallowRef<string>()
  const rejected = shallowRef<RejectionLine[]>([])
  const problems = computed(() => (tried.value ? boundaryProblems(draft.value) : []))

  async function send(): Promise<void> {
    tried.value = true
    const d = draft.value
    if (boundaryProblems(d).length || !d.file) return
    importing.value = true
    result.value = undefined
    failure.value = undefined
    rejected.value = []
    try {
      result.value = await importBoundaries(boundaryRequest({ ...d, file: d.file }))
      tried.value = false
    } catch (error) {
      failure.value = messageOf(error)
      rejected.value = rejectionLines(featureRejectionsOf(error), (r) => r.feature)
    } finally {
      importing.value = false
    }
  }

  return { draft, problems, importing, result, failure, rejected, send }
}
