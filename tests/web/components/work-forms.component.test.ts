// @vitest-environment happy-dom
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultDeadlineDays } from '../../../server/domain/levels'
import type { CloseOut } from '../../../server/domain/lifecycle'
import { createPinia } from 'pinia'
import HazardActions from '../../../web/hazard/HazardActions.vue'
import AssessForm from '../../../web/work/AssessForm.vue'
import AssignForm from '../../../web/work/AssignForm.vue'
import NoteForm from '../../../web/work/NoteForm.vue'
import RectifyForm from '../../../web/work/RectifyForm.vue'
import StartForm from '../../../web/work/StartForm.vue'
import VerifyForm from '../../../web/work/VerifyForm.vue'
import type { WorkQueue } from '../../../web/api/work'
import { useSessionStore } from '../../../web/stores/session'
import { makeUser } from '../session/factories'
import { makeHazard } from '../work/factories'
import { fakeServer, flushPromises, heldAnswer, jsonResponse, mountForm, refusal } from './mount'

const ACTIONS = 'POST /api/hazards/7/actions'
const TODAY = '2026-06-28'
const recorded = () => jsonResponse(200, { hazard: makeHazard({ id: 7, version: 4 }) })

let wrapper: VueWrapper | undefined
afterEach(() => wrapper?.unmount())

function mountStep(component: object, props: Record<string, unknown>) {
  wrapper = mountForm(component, { props })
  return wrapper
}

/** The form field whose label (or legend) reads `label`, as the reader finds it. */
function field(w: VueWrapper, label: string): DOMWrapper<Element> {
  const found = w.findAll('.work-field').find((f) => f.find('label, legend, span').text() === label)
  if (!found) throw new Error(`no field labelled ${label}`)
  return found
}

const submit = async (w: VueWrapper) => {
  await w.find('form').trigger('submit')
  await flushPromises()
}

describe('研判 (AssessForm)', () => {
  const hazard = makeHazard({ id: 7, version: 3 })

  it('names the level and the measures as required in Chinese and sends nothing', async () => {
    const server = fakeServer({})
    const w = mountStep(AssessForm, { hazard })
    await submit(w)
    expect(field(w, '风险等级').find('.work-field__error').text()).toBe('必填')
    expect(field(w, '防范措施').find('.work-field__error').text()).toBe('必填')
    expect(server.received).toEqual([])
    expect(w.emitted('done')).toBeUndefined()
  })

  it('sends the chosen level and measures with the version shown, the button disabled while it sends', async () => {
    const held = heldAnswer(recorded)
    const server = fakeServer({ [ACTIONS]: held.answer })
    const w = mountStep(AssessForm, { hazard })
    await w.find('input[type=radio][value=major]').setValue(true)
    await field(w, '防范措施').find('textarea').setValue('  下达整改通知书  ')
    await w.find('form').trigger('submit')
    await flushPromises()
    const button = w.find('[data-testid=step-submit]')
    expect(button.attributes('disabled')).toBeDefined()
    expect(button.text()).toBe('正在提交…')
    await held.release()
    expect(server.sent(ACTIONS).map((r) => r.body)).toEqual([{ action: 'assess', version: 3, level: 'major', measures: '下达整改通知书' }])
    expect(w.emitted('done')).toHaveLength(1)
    expect(button.attributes('disabled')).toBeUndefined()
    expect(button.text()).toBe('提交')
  })

  it('says the hazard was changed by someone else on a stale version (409), and stays open', async () => {
    fakeServer({ [ACTIONS]: () => refusal(409, 'stale_version', 'The hazard changed since it was loaded.') })
    const w = mountStep(AssessForm, { hazard })
    await w.find('input[type=radio][value=general]').setValue(true)
    await field(w, '防范措施').find('textarea').setValue('落实专人盯防')
    await submit(w)
    const stale = '该隐患刚被他人更新，已重新加载，请核对后再提交。'
    expect(w.find('[role=alert]').text()).toBe(stale)
    expect(w.emitted('notice')).toEqual([[stale]])
    expect(w.emitted('done')).toBeUndefined()
  })
})

describe('交办 (AssignForm)', () => {
  // The server's own periods, unlike the plan's defaults, so the form is seen to take them.
  const deadlineDays = { ...defaultDeadlineDays, major: 5, general: 20 }
  const queue: WorkQueue = { items: [], total: 0, overdue: 0, counts: { assess: 0, assign: 0, rectify: 0, on_the_spot: 0, verify: 0, chase: 0, oversee: 0 }, today: TODAY, deadlineDays, notifications: [], unread: 0 }
  const work = () => jsonResponse(200, queue)

  it('shows the lead unit and proposes the deadline from the level’s period on the server’s today', async () => {
    fakeServer({ 'GET /api/work': work })
    const w = mountStep(AssignForm, { hazard: makeHazard({ id: 7, level: 'major', status: 'assessed', leadUnit: 'safety' }) })
    await flushPromises()
    expect(w.find('[data-testid=assign-lead-unit]').text()).toBe('安监办')
    const deadline = field(w, '整改期限')
    expect((deadline.find('input').element as HTMLInputElement).value).toBe('2026-07-03')
    expect(deadline.find('input').attributes('min')).toBe(TODAY)
    expect(deadline.find('.work-field__hint').text()).toBe('按“重大”默认 5 天')
  })

  it('proposes the general period for a hazard not yet assessed', async () => {
    fakeServer({ 'GET /api/work': work })
    const w = mountStep(AssignForm, { hazard: makeHazard({ id: 7, level: null }) })
    await flushPromises()
    expect((field(w, '整改期限').find('input').element as HTMLInputElement).value).toBe('2026-07-18')
  })

  it('refuses a deadline before today and a missing unit and person, in Chinese beside each field', async () => {
    const server = fakeServer({ 'GET /api/work': work })
    const w = mountStep(AssignForm, { hazard: makeHazard({ id: 7, level: 'major', status: 'assessed' }) })
    await flushPromises()
    await field(w, '整改期限').find('input').setValue('2026-06-01')
    await submit(w)
    expect(field(w, '责任单位').find('.work-field__error').text()).toBe('必填')
    expect(field(w, '责任人').find('.work-field__error').text()).toBe('必填')
    expect(field(w, '整改期限').find('.work-field__error').text()).toBe('期限不能早于今天')
    expect(server.sent(ACTIONS)).toEqual([])
  })

  it('puts the server’s reasons (400) beside the fields they name', async () => {
    const server = fakeServer({
      'GET /api/work': work,
      [ACTIONS]: () =>
        refusal(400, 'invalid_input', 'Invalid input', [
          { field: 'deadline', message: 'The deadline is in the past.' },
          { field: 'responsiblePerson', message: 'Too big: expected string to have <=60 characters' },
        ]),
    })
    const w = mountStep(AssignForm, { hazard: makeHazard({ id: 7, version: 2, level: 'major', status: 'assessed' }) })
    await flushPromises()
    await field(w, '责任单位').find('input').setValue('镇应急办')
    await field(w, '责任人').find('input').setValue('王伟')
    await submit(w)
    expect(server.sent(ACTIONS).map((r) => r.body)).toEqual([
      { action: 'assign', version: 2, responsibleUnit: '镇应急办', responsiblePerson: '王伟', deadline: '2026-07-03' },
    ])
    expect(field(w, '整改期限').find('.work-field__error').text()).toBe('期限不能早于今天')
    expect(field(w, '责任人').find('.work-field__error').text()).toBe('服务器：Too big: expected string to have <=60 characters')
    expect(field(w, '责任单位').find('.work-field__error').exists()).toBe(false)
    expect(w.emitted('done')).toBeUndefined()
  })
})

describe('开始整改 (StartForm)', () => {
  it('sends the start with nothing but the version', async () => {
    const server = fakeServer({ [ACTIONS]: recorded })
    const w = mountStep(StartForm, { hazard: makeHazard({ id: 7, version: 5, status: 'assigned' }) })
    expect(w.find('[data-testid=step-submit]').text()).toBe('开始整改')
    await submit(w)
    expect(server.sent(ACTIONS).map((r) => r.body)).toEqual([{ action: 'start', version: 5 }])
    expect(w.emitted('done')).toHaveLength(1)
  })

  it('says a step not possible in the hazard’s status (422) cannot be taken now, and tells the card', async () => {
    fakeServer({ [ACTIONS]: () => refusal(422, 'invalid_transition', 'Cannot start from rectifying.') })
    const w = mountStep(StartForm, { hazard: makeHazard({ id: 7, status: 'assigned' }) })
    await submit(w)
    const text = '当前状态下不能办理：Cannot start from rectifying.'
    expect(w.find('[role=alert]').text()).toBe(text)
    expect(w.emitted('notice')).toEqual([[text]])
  })

  it('says a role may not take the step (403)', async () => {
    fakeServer({ [ACTIONS]: () => refusal(403, 'forbidden', 'Not for this role.') })
    const w = mountStep(StartForm, { hazard: makeHazard({ id: 7, status: 'assigned' }) })
    await submit(w)
    expect(w.find('[role=alert]').text()).toBe('当前角色无权办理此项。')
  })
})

describe('整改完成 (RectifyForm)', () => {
  const hazard = makeHazard({ id: 7, version: 6, status: 'rectifying' })

  it('asks why there is no after-photo when none is sent or attached, and requires it', async () => {
    const server = fakeServer({})
    const w = mountStep(RectifyForm, { hazard, room: 6, evidence: 0 })
    expect(w.find('[data-testid=no-photo-reason]').exists()).toBe(true)
    await field(w, '整改情况').find('textarea').setValue('已清理通道')
    await submit(w)
    expect(field(w, '无法提供整改后照片的原因').find('.work-field__error').text()).toBe('必填')
    expect(field(w, '整改情况').find('.work-field__error').exists()).toBe(false)
    expect(server.received).toEqual([])
  })

  it('sends the note and the reason when no photo can exist', async () => {
    const server = fakeServer({ [ACTIONS]: recorded })
    const w = mountStep(RectifyForm, { hazard, room: 6, evidence: 0 })
    await field(w, '整改情况').find('textarea').setValue('已清理通道')
    await field(w, '无法提供整改后照片的原因').find('textarea').setValue('夜间无法拍照')
    await submit(w)
    expect(server.sent(ACTIONS).map((r) => r.body)).toEqual([{ action: 'rectify', version: 6, note: '已清理通道', noPhotoReason: '夜间无法拍照' }])
    expect(w.emitted('done')).toHaveLength(1)
  })

  it('does not ask for a reason when after-photos of this round are attached already', async () => {
    const server = fakeServer({ [ACTIONS]: recorded })
    const w = mountStep(RectifyForm, { hazard, room: 4, evidence: 2 })
    expect(w.find('[data-testid=no-photo-reason]').exists()).toBe(false)
    await field(w, '整改情况').find('textarea').setValue('已清理通道')
    await submit(w)
    expect(server.sent(ACTIONS).map((r) => r.body)).toEqual([{ action: 'rectify', version: 6, note: '已清理通道' }])
  })
})

describe('验收 (VerifyForm)', () => {
  const hazard = makeHazard({ id: 7, version: 8, status: 'rectified' })
  const withPhotos: CloseOut = { own: null, photos: 2, noPhotoReason: null }
  const verdicts = (w: VueWrapper) => w.findAll('[data-verdict]').map((v) => v.text())

  it('offers both verdicts with the evidence shown', () => {
    fakeServer({})
    const w = mountStep(VerifyForm, { hazard, role: 'lead_unit', closeOut: withPhotos })
    expect(w.find('[data-testid=verify-evidence]').text()).toContain('整改后照片 2 张')
    expect(verdicts(w)).toEqual(['验收通过，予以销号', '不通过，退回整改'])
  })

  it('offers only sending back when the rectification has no evidence, and says why', () => {
    fakeServer({})
    const w = mountStep(VerifyForm, { hazard, role: 'lead_unit', closeOut: { own: null, photos: 0, noPhotoReason: null } })
    expect(verdicts(w)).toEqual(['不通过，退回整改'])
    expect(w.find('[data-testid=verify-evidence]').text()).toContain('不能验收通过')
  })

  it('shows the rectifier’s reason for having no photo as evidence', () => {
    fakeServer({})
    const w = mountStep(VerifyForm, { hazard, role: 'lead_unit', closeOut: { own: null, photos: 0, noPhotoReason: '夜间无法拍照' } })
    expect(w.find('[data-testid=no-photo-reason-text]').text()).toBe('夜间无法拍照')
    expect(verdicts(w)).toHaveLength(2)
  })

  it('needs a verdict and its reason, then sends them and names the button after the verdict', async () => {
    const server = fakeServer({ [ACTIONS]: recorded })
    const w = mountStep(VerifyForm, { hazard, role: 'lead_unit', closeOut: withPhotos })
    await submit(w)
    expect(field(w, '验收结论').find('.work-field__error').text()).toBe('必填')
    expect(field(w, '验收意见 / 退回原因').find('.work-field__error').text()).toBe('必填')
    expect(server.received).toEqual([])
    await w.find('[data-verdict=fail] input').setValue(true)
    expect(w.find('[data-testid=step-submit]').text()).toBe('不通过，退回整改')
    await field(w, '验收意见 / 退回原因').find('textarea').setValue('灭火器仍未更换')
    await submit(w)
    expect(server.sent(ACTIONS).map((r) => r.body)).toEqual([{ action: 'verify', version: 8, passed: false, note: '灭火器仍未更换' }])
  })
})

describe('上报 and 批注 (NoteForm)', () => {
  const hazard = makeHazard({ id: 7, version: 2, status: 'rectifying' })

  it('sends an escalation’s text as its reason, under the label that says who is told', async () => {
    const server = fakeServer({ [ACTIONS]: recorded })
    const w = mountStep(NoteForm, { hazard, action: 'escalate' })
    await submit(w)
    expect(field(w, '上报理由（将通知牵头单位负责人）').find('.work-field__error').text()).toBe('必填')
    await w.find('textarea').setValue('村内无力整改')
    await submit(w)
    expect(server.sent(ACTIONS).map((r) => r.body)).toEqual([{ action: 'escalate', version: 2, reason: '村内无力整改' }])
  })

  it('sends a comment’s text as its note', async () => {
    const server = fakeServer({ [ACTIONS]: recorded })
    const w = mountStep(NoteForm, { hazard, action: 'comment' })
    await field(w, '批注内容').find('textarea').setValue('请加快进度')
    await submit(w)
    expect(server.sent(ACTIONS).map((r) => r.body)).toEqual([{ action: 'comment', version: 2, note: '请加快进度' }])
  })

  it('puts the server’s reason (400) for the reason field beside it', async () => {
    fakeServer({ [ACTIONS]: () => refusal(400, 'invalid_input', 'Invalid input', [{ field: 'reason', message: 'Required' }]) })
    const w = mountStep(NoteForm, { hazard, action: 'escalate' })
    await w.find('textarea').setValue('x')
    await submit(w)
    expect(w.find('.work-field__error').text()).toBe('服务器：Required')
  })
})

describe('four eyes on the card (HazardActions)', () => {
  const rectified = makeHazard({ id: 7, status: 'rectified' })
  function mountCard(own: CloseOut['own']) {
    const pinia = createPinia()
    useSessionStore(pinia).user = makeUser({ username: 'district-D1', role: 'district', areaId: 'D1' })
    fakeServer({})
    wrapper = mountForm(HazardActions, { pinia, props: { detail: { hazard: rectified, events: [], photos: [], closeOut: { own, photos: 1, noPhotoReason: null } } } })
    return wrapper
  }
  const buttons = (w: VueWrapper) => w.findAll('[data-action]').map((b) => b.attributes('data-action'))

  it('withholds verification from whoever reported the hazard, and says a second person must verify', () => {
    const w = mountCard('reported')
    expect(buttons(w)).not.toContain('verify')
    expect(w.find('[data-testid=verify-withheld]').text()).toBe('此隐患由您登记，须由他人验收（四眼原则）。')
  })

  it('withholds it from whoever reported it rectified, saying so', () => {
    const w = mountCard('rectified')
    expect(buttons(w)).not.toContain('verify')
    expect(w.find('[data-testid=verify-withheld]').text()).toBe('此隐患由您报整改完成，须由他人验收（四眼原则）。')
  })

  it('offers a second person the verification form, without the four-eyes message', async () => {
    const w = mountCard(null)
    expect(w.find('[data-testid=verify-withheld]').exists()).toBe(false)
    await w.find('[data-action=verify]').trigger('click')
    await flushPromises()
    expect(w.find('[data-step-form=verify]').exists()).toBe(true)
  })
})
