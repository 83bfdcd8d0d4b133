// @vitest-environment happy-dom
import type { VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultDeadlineDays } from '../../../server/domain/levels'
import type { WorkQueue } from '../../../web/api/work'
import { useSessionStore } from '../../../web/stores/session'
import ReportForm from '../../../web/work/ReportForm.vue'
import { makeUser } from '../session/factories'
import { makeHazard } from '../work/factories'
import { fakeServer, flushPromises, heldAnswer, jsonResponse, mountForm, refusal } from './mount'

const TODAY = '2026-06-28'
const REPORT = 'POST /api/hazards'
const PHOTOS = 'POST /api/hazards/31/photos'
const queue: WorkQueue = { items: [], total: 0, overdue: 0, counts: { assess: 0, assign: 0, rectify: 0, on_the_spot: 0, verify: 0, chase: 0, oversee: 0 }, today: TODAY, deadlineDays: defaultDeadlineDays, notifications: [], unread: 0 }

/** What the form asks before anything is typed: the server's today (with the queue) and the sites in reach. */
const basics = {
  'GET /api/work': () => jsonResponse(200, queue),
  'GET /api/sites': () => jsonResponse(200, { type: 'FeatureCollection', features: [] }),
}

let wrapper: VueWrapper | undefined
afterEach(() => wrapper?.unmount())

async function mountReport(): Promise<VueWrapper> {
  const pinia = createPinia()
  useSessionStore(pinia).user = makeUser({ username: 'grid-V1', role: 'grid', areaId: 'V1' })
  // The small map needs WebGL; the coordinates beside it are the keyboard's way to place the hazard.
  wrapper = mountForm(ReportForm, { pinia, stubs: { PointPicker: true } })
  await flushPromises()
  return wrapper
}

async function fillIn(w: VueWrapper): Promise<void> {
  await w.find('[name=lon]').setValue('120.1835')
  await w.find('[name=lat]').setValue('36.9494')
  await w.find('[name=category]').setValue('safety_accident')
  await w.find('[name=item]').setValue('fire')
  await w.find('[name=title]').setValue('消防通道堵塞')
}

/** Chooses files in a photo input as the browser would hand them over. */
async function choose(w: VueWrapper, testid: string, files: File[]): Promise<void> {
  const input = w.find(`[data-testid=${testid}] input[type=file]`)
  Object.defineProperty(input.element, 'files', { value: files, configurable: true })
  await input.trigger('change')
}

const jpeg = (name: string) => new File([new Uint8Array([0xff, 0xd8, 0xff])], name, { type: 'image/jpeg' })
const stageOf = (body: unknown) => (body instanceof FormData ? body.get('stage') : undefined)

describe('上报隐患 (ReportForm), rectified on the spot', () => {
  it('sends one report carrying the rectification, then the after-photo; no lifecycle step follows', async () => {
    const hazard = makeHazard({ id: 31, status: 'rectified', rectifiedAt: '2026-06-28T09:00:00+08:00' })
    const server = fakeServer({
      ...basics,
      [REPORT]: () => jsonResponse(201, { hazard }),
      [PHOTOS]: () => jsonResponse(201, { photo: { id: 5, url: '/api/photos/5', stage: 'rectified' } }),
    })
    const w = await mountReport()
    await fillIn(w)
    await w.find('.report-form__spot input[type=checkbox]').setValue(true)
    await w.find('[name=spotNote]').setValue(' 当场清理通道 ')
    await choose(w, 'spot-photos', [jpeg('after.jpg')])
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(server.sent(REPORT).map((r) => r.body)).toEqual([{
      category: 'safety_accident', item: 'fire', title: '消防通道堵塞', location: [120.1835, 36.9494], source: 'routine',
      // 发现时间 as the form filled it: now, on the server's today
      foundAt: expect.stringMatching(/^2026-06-28T\d\d:\d\d:00\+08:00$/), onTheSpot: { note: '当场清理通道' },
    }])
    expect(server.sent(PHOTOS).map((r) => stageOf(r.body))).toEqual(['rectified'])
    expect(server.received.filter((r) => r.path.endsWith('/actions'))).toEqual([])
    expect(w.find('[data-testid=report-done]').text()).toContain('已登记并记为当场整改')
  })

  it('says so when the after-photo could not be uploaded: the hazard stands, registered rectified', async () => {
    const hazard = makeHazard({ id: 31, status: 'rectified', rectifiedAt: '2026-06-28T09:00:00+08:00' })
    fakeServer({
      ...basics,
      [REPORT]: () => jsonResponse(201, { hazard }),
      [PHOTOS]: () => refusal(413, 'too_large', 'The photo is too large.'),
    })
    const w = await mountReport()
    await fillIn(w)
    await w.find('.report-form__spot input[type=checkbox]').setValue(true)
    await w.find('[name=spotNote]').setValue('当场清理通道')
    await choose(w, 'spot-photos', [jpeg('after.jpg')])
    await w.find('form').trigger('submit')
    await flushPromises()
    const done = w.find('[data-testid=report-done]')
    expect(done.text()).toContain('已登记并记为当场整改')
    expect(done.find('.report-form__warning').text()).toContain('1 张照片未能上传')
  })

  it('shows a refused on-the-spot note under its own field', async () => {
    fakeServer({ ...basics, [REPORT]: () => refusal(400, 'invalid_input', 'Invalid json: onTheSpot.note', [{ field: 'onTheSpot.note', message: 'Too big: expected string to have <=2000 characters' }]) })
    const w = await mountReport()
    await fillIn(w)
    await w.find('.report-form__spot input[type=checkbox]').setValue(true)
    await w.find('[name=spotNote]').setValue('当场清理通道')
    await w.find('[name=spotNoPhotoReason]').setValue('摊点已撤离')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[data-field-error=spotNote]').text()).toContain('expected string to have <=2000 characters')
    expect(w.find('[data-field-error=spotNoPhotoReason]').exists()).toBe(false)
  })
})

describe('上报隐患 (ReportForm), 发现时间', () => {
  it('starts at now on the server’s today, may not be later, and sends a typed time as foundAt in China time', async () => {
    const server = fakeServer({ ...basics, [REPORT]: () => jsonResponse(201, { hazard: makeHazard({ id: 31 }) }), [PHOTOS]: () => jsonResponse(201, {}) })
    const w = await mountReport()
    const found = w.find<HTMLInputElement>('[name=foundAt]')
    expect(found.attributes('type')).toBe('datetime-local')
    expect(found.element.value).toMatch(/^2026-06-28T\d\d:\d\d$/)
    expect(found.attributes('max')).toMatch(/^2026-06-28T/)
    await fillIn(w)
    await found.setValue('2026-06-29T08:00')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(server.sent(REPORT)).toEqual([])
    expect(w.find('[data-field-error=foundAt]').text()).not.toBe('')
    await found.setValue('2026-06-27T16:45')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(server.sent(REPORT).map((r) => (r.body as { foundAt: string }).foundAt)).toEqual(['2026-06-27T16:45:00+08:00'])
  })

  it('sent before the server’s today is known, waits for it: the time it filled in is on that day, not the phone’s', async () => {
    // A pinned demo town (AS_OF) whose today is not the browser's: the form's first guess is the browser's day.
    const work = heldAnswer(() => jsonResponse(200, queue))
    const server = fakeServer({ ...basics, 'GET /api/work': work.answer, [REPORT]: () => jsonResponse(201, { hazard: makeHazard({ id: 31 }) }) })
    const w = await mountReport()
    await fillIn(w)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(server.sent(REPORT)).toEqual([])
    await work.release()
    await flushPromises()
    expect(server.sent(REPORT).map((r) => (r.body as { foundAt: string }).foundAt)).toEqual([expect.stringMatching(/^2026-06-28T\d\d:\d\d:00\+08:00$/)])
  })
})

describe('上报隐患 (ReportForm), sent again after a lost answer', () => {
  it('carries the same Idempotency-Key when sent again unchanged, and a new one once the report was edited', async () => {
    let answers = 0
    const server = fakeServer({
      ...basics,
      // The first answer is lost on the way (an instance died behind the balancer), the next ones arrive.
      [REPORT]: () => (++answers === 1 ? jsonResponse(502, {}) : refusal(503, 'unavailable', 'busy')),
    })
    const w = await mountReport()
    await fillIn(w)
    await w.find('form').trigger('submit')
    await flushPromises()
    await w.find('form').trigger('submit')
    await flushPromises()
    await w.find('[name=title]').setValue('消防通道堵塞（二）')
    await w.find('form').trigger('submit')
    await flushPromises()
    const keys = server.sent(REPORT).map((r) => r.headers.get('idempotency-key'))
    expect(keys).toHaveLength(3)
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
  })
})
