import { createPinia, setActivePinia } from 'pinia'
import { ref } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CallError } from '../../../web/api/client'
import { useLiveStore } from '../../../web/stores/live'
import { noteRequest } from '../../../web/work/actions'
import { useWorkStep } from '../../../web/work/useWorkStep'
import { makeHazard } from './factories'

const api = vi.hoisted(() => ({ takeAction: vi.fn(), uploadPhoto: vi.fn() }))
vi.mock('../../../web/api/actions', () => ({ takeAction: api.takeAction }))
vi.mock('../../../web/api/photos', () => ({ uploadPhoto: api.uploadPhoto }))
// The words are the i18n's business; here a refusal is told by its kind.
vi.mock('../../../web/work/useWorkText', () => ({
  useWorkText: () => ({ refusal: (r: { kind: string }) => r.kind, problem: (p?: string) => p, reason: (r?: { known?: string }) => r?.known }),
}))

describe('useWorkStep: sending one lifecycle form', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    api.takeAction.mockReset()
    api.uploadPhoto.mockReset()
  })

  const hazard = makeHazard({ id: 7, version: 3, status: 'rectifying' })

  it('sends the step with the version shown, and makes everything shown refetch', async () => {
    api.takeAction.mockResolvedValue(hazard)
    const step = useWorkStep(() => hazard, vi.fn())
    await expect(step.send((v) => noteRequest('comment', '已督促', v))).resolves.toBe(true)
    expect(api.takeAction).toHaveBeenCalledWith(7, { action: 'comment', version: 3, note: '已督促' })
    expect(useLiveStore().revision).toBe(1)
  })

  it('on a stale version (409) reloads the hazard and tells the user', async () => {
    api.takeAction.mockRejectedValue(new CallError(409, 'stale_version', 'reload'))
    const notify = vi.fn()
    const step = useWorkStep(() => hazard, notify)
    await expect(step.send((v) => noteRequest('comment', 'x', v))).resolves.toBe(false)
    expect(useLiveStore().revision).toBe(1)
    expect(notify).toHaveBeenCalledWith('stale')
    expect(step.failure.value).toBe('stale')
  })

  it('sends nothing while the form has problems, and names them per field', async () => {
    const step = useWorkStep(() => hazard, vi.fn())
    await expect(step.send((v) => noteRequest('comment', ' ', v))).resolves.toBe(false)
    expect(api.takeAction).not.toHaveBeenCalled()
    expect(step.fieldError('note')).toBe('required')
  })

  it('shows the server’s field reasons beside their fields (400)', async () => {
    api.takeAction.mockRejectedValue(new CallError(400, 'invalid_input', 'bad', [{ field: 'deadline', message: 'in the past' }]))
    const step = useWorkStep(() => hazard, vi.fn())
    await step.send((v) => noteRequest('comment', 'x', v))
    expect(step.fieldError('deadline')).toBe('past')
  })

  it('uploads the evidence first, and records no step when a photo is refused', async () => {
    api.uploadPhoto.mockResolvedValueOnce({ id: 1 }).mockRejectedValueOnce(new CallError(415, 'unsupported_media_type', 'no'))
    const files = ref([new File(['a'], 'a.jpg'), new File(['b'], 'b.gif')])
    const step = useWorkStep(() => hazard, vi.fn())
    await expect(step.send((v) => noteRequest('rectify', '已整改', v), { files, stage: 'rectified' })).resolves.toBe(false)
    expect(api.takeAction).not.toHaveBeenCalled()
    // The photo that went up is not sent twice on the next try.
    expect(files.value.map((f) => f.name)).toEqual(['b.gif'])
    expect(step.failure.value).toBe('file')
  })
})
