// @vitest-environment happy-dom
import type { VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import type { Component } from 'vue'
import type { AreaFeature } from '../../../web/api/areas'
import type { Campaign } from '../../../web/api/campaigns'
import type { InspectionView } from '../../../web/api/inspections'
import type { PersonView } from '../../../web/api/persons'
import type { SessionUser } from '../../../web/api/auth'
import BoundaryImportPanel from '../../../web/records/BoundaryImportPanel.vue'
import CampaignsPanel from '../../../web/records/CampaignsPanel.vue'
import InspectionForm from '../../../web/records/InspectionForm.vue'
import PersonsPanel from '../../../web/records/PersonsPanel.vue'
import { useSessionStore } from '../../../web/stores/session'
import { makeUser } from '../session/factories'
import { fakeServer, flushPromises, heldAnswer, jsonResponse, mountForm, refusal } from './mount'

const TODAY = '2026-06-28'

function area(id: string, name: string, level: 'district' | 'village', parentId: string): AreaFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [[[120, 36], [120.1, 36], [120.1, 36.1], [120, 36]]] },
    properties: { id, code: id, name, fullName: null, level, parentId, population: null, households: null, label: [120.05, 36.05], bbox: [120, 36, 120.1, 36.1] },
  }
}
const districts = [area('D1', '一管区', 'district', 'T'), area('D2', '二管区', 'district', 'T')]
const villages = [area('V1', '甲村', 'village', 'D1'), area('V2', '乙村', 'village', 'D2')]

/** What every records panel asks first: the server's today and the areas to choose from. */
const basics = {
  'GET /api/health': () => jsonResponse(200, { ok: true, today: TODAY, demo: false }),
  'GET /api/areas': (r: { query: URLSearchParams }) =>
    jsonResponse(200, { type: 'FeatureCollection', features: r.query.get('level') === 'district' ? districts : villages }),
}

let wrapper: VueWrapper | undefined
afterEach(() => wrapper?.unmount())

async function mountAs(user: SessionUser, component: Component, props: Record<string, unknown> = {}): Promise<VueWrapper> {
  const pinia = createPinia()
  useSessionStore(pinia).user = user
  wrapper = mountForm(component, { pinia, props })
  await flushPromises()
  return wrapper
}

const district = makeUser({ username: 'district-1', role: 'district', areaId: 'D1' })

describe('登记巡查 (InspectionForm)', () => {
  const inspection: InspectionView = { id: 9, source: 'concentrated', areaId: 'V1', date: TODAY, inspectors: '王伟', checked: '', findings: null, hazardsFound: 0, category: null, siteId: null, siteName: null, location: null, createdAt: null, photos: [], generalised: false }
  const problem = (w: VueWrapper, name: string) => w.find(`[name=${name}]`).element.closest('label')!.querySelector('.rec-problem')?.textContent

  it('offers a district officer its district and the villages in it, not the other district’s', async () => {
    fakeServer(basics)
    const w = await mountAs(district, InspectionForm, { today: TODAY })
    const options = w.findAll('[data-testid=inspection-area] option').map((o) => o.text())
    expect(options).toEqual(['请选择区域', '【一管区】', '甲村'])
    expect((w.find('[name=date]').element as HTMLInputElement).value).toBe(TODAY)
  })

  it('names the missing area and inspectors and a date after today in Chinese, and sends nothing', async () => {
    const server = fakeServer(basics)
    const w = await mountAs(district, InspectionForm, { today: TODAY })
    await w.find('[name=date]').setValue('2026-07-01')
    await w.find('form').trigger('submit')
    expect(problem(w, 'areaId')).toBe('必填')
    expect(problem(w, 'inspectors')).toBe('必填')
    expect(problem(w, 'date')).toBe('日期不能晚于今天')
    expect(server.sent('POST /api/inspections')).toEqual([])
  })

  it('records the round, disabled while it sends, then says what was recorded and keeps the inspectors', async () => {
    const held = heldAnswer(() => jsonResponse(201, { inspection }))
    const server = fakeServer({ ...basics, 'POST /api/inspections': held.answer })
    const w = await mountAs(district, InspectionForm, { today: TODAY })
    await w.find('[name=areaId]').setValue('V1')
    await w.find('[name=inspectors]').setValue(' 王伟 ')
    await w.find('[name=findings]').setValue('消防通道堵塞')
    await w.find('form').trigger('submit')
    await flushPromises()
    const button = w.find('[data-testid=inspection-submit]')
    expect(button.attributes('disabled')).toBeDefined()
    expect(button.text()).toBe('正在提交…')
    await held.release()
    expect(server.sent('POST /api/inspections').map((r) => r.body)).toEqual([
      { source: 'concentrated', areaId: 'V1', date: TODAY, inspectors: '王伟', hazardsFound: 0, findings: '消防通道堵塞' },
    ])
    expect(w.find('[data-testid=inspection-saved]').text()).toBe(`已登记：甲村，${TODAY}`)
    expect(w.emitted('recorded')).toEqual([[inspection]])
    expect(button.attributes('disabled')).toBeUndefined()
    expect((w.find('[name=findings]').element as HTMLTextAreaElement).value).toBe('')
    expect((w.find('[name=inspectors]').element as HTMLInputElement).value).toBe(' 王伟 ')
  })

  it('shows the server’s refusal with the field it names (422 out of reach)', async () => {
    fakeServer({
      ...basics,
      'POST /api/inspections': () => refusal(422, 'out_of_scope', 'You may not record inspections there.', [{ field: 'areaId', message: 'outside your area' }]),
    })
    const w = await mountAs(district, InspectionForm, { today: TODAY })
    await w.find('[name=areaId]').setValue('D1')
    await w.find('[name=inspectors]').setValue('王伟')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role=alert]').text()).toBe('出错了：You may not record inspections there. (areaId: outside your area)')
    expect(w.find('[data-testid=inspection-saved]').exists()).toBe(false)
  })
})

describe('新建专项整治 (CampaignForm in its panel)', () => {
  const analyst = makeUser({ username: 'analyst', role: 'analyst' })
  const made: Campaign = {
    id: 4, name: '消防通道专项', goal: '清理堵塞', deadline: '2026-07-31', category: null, createdBy: 'analyst', createdAt: '2026-06-28T09:00:00+08:00',
    daysLeft: 33, progress: { total: 0, closed: 0, open: 0, overdue: 0, closeRate: 0 },
  }
  const fill = async (w: VueWrapper) => {
    await w.find('[name=name]').setValue(' 消防通道专项 ')
    await w.find('[name=deadline]').setValue('2026-07-31')
    await w.find('[name=goal]').setValue('清理堵塞')
  }

  it('keeps the create button off until the name, deadline and goal are given, no earlier than today', async () => {
    fakeServer({ ...basics, 'GET /api/campaigns': () => jsonResponse(200, { campaigns: [] }) })
    const w = await mountAs(analyst, CampaignsPanel)
    const create = w.find('[data-testid=campaign-create]')
    expect(w.find('[name=deadline]').attributes('min')).toBe(TODAY)
    await w.find('[name=name]').setValue('消防通道专项')
    await w.find('[name=deadline]').setValue('2026-07-31')
    expect(create.attributes('disabled')).toBeDefined()
    await w.find('[name=goal]').setValue('   ')
    expect(create.attributes('disabled')).toBeDefined()
    await w.find('[name=goal]').setValue('清理堵塞')
    expect(create.attributes('disabled')).toBeUndefined()
  })

  it('creates the campaign, disabled while it sends, opens it and says so', async () => {
    let campaigns: Campaign[] = []
    const held = heldAnswer(() => ((campaigns = [made]), jsonResponse(201, { campaign: made })))
    const server = fakeServer({
      ...basics,
      'GET /api/campaigns': () => jsonResponse(200, { campaigns }),
      'POST /api/campaigns': held.answer,
      'GET /api/campaigns/4': () => jsonResponse(200, { campaign: made, hazards: [] }),
    })
    const w = await mountAs(analyst, CampaignsPanel)
    await fill(w)
    await w.find('[name=category]').setValue('safety_accident')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid=campaign-create]').attributes('disabled')).toBeDefined()
    await held.release()
    expect(server.sent('POST /api/campaigns').map((r) => r.body)).toEqual([{ name: '消防通道专项', goal: '清理堵塞', deadline: '2026-07-31', category: 'safety_accident' }])
    expect(w.find('[data-testid=campaign-notice]').text()).toBe('已创建专项整治“消防通道专项”')
    expect(server.sent('GET /api/campaigns/4')).toHaveLength(1)
    // The form is emptied for the next one.
    expect((w.find('[name=name]').element as HTMLInputElement).value).toBe('')
  })

  it('shows the server’s refusal and keeps what was typed', async () => {
    fakeServer({
      ...basics,
      'GET /api/campaigns': () => jsonResponse(200, { campaigns: [] }),
      'POST /api/campaigns': () => refusal(400, 'invalid_input', 'Invalid input', [{ field: 'deadline', message: 'The deadline is in the past.' }]),
    })
    const w = await mountAs(analyst, CampaignsPanel)
    await fill(w)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role=alert]').text()).toBe('出错了：Invalid input (deadline: The deadline is in the past.)')
    expect((w.find('[name=name]').element as HTMLInputElement).value).toBe(' 消防通道专项 ')
  })

  it('lets a lead unit run campaigns in its own category only, without asking for one', async () => {
    fakeServer({ ...basics, 'GET /api/campaigns': () => jsonResponse(200, { campaigns: [] }) })
    const w = await mountAs(makeUser({ username: 'safety', role: 'lead_unit', leadUnit: 'safety', category: 'safety_accident' }), CampaignsPanel)
    expect(w.find('[data-testid=campaign-form]').exists()).toBe(true)
    expect(w.find('[name=category]').exists()).toBe(false)
  })

  it('gives a district officer no form', async () => {
    fakeServer({ ...basics, 'GET /api/campaigns': () => jsonResponse(200, { campaigns: [] }) })
    const w = await mountAs(district, CampaignsPanel)
    expect(w.find('[data-testid=campaign-form]').exists()).toBe(false)
  })
})

describe('查看实名 (RevealDialog in the persons panel)', () => {
  const police = makeUser({ username: 'police', role: 'lead_unit', leadUnit: 'police', category: 'violent_terror' })
  const masked: PersonView = {
    id: 3, kind: 'petitioner', villageId: 'V1', name: '张*', idNumber: '370283********1234', phone: '138****0000', controlLevel: 'attention', measures: '每月走访', masked: true,
  }
  const revealed: PersonView = { ...masked, name: '张三', idNumber: '370283199001011234', phone: '13800000000', masked: false }
  const REVEAL = 'POST /api/persons/3/reveal'
  const persons = { ...basics, 'GET /api/persons': () => jsonResponse(200, { persons: [masked] }) }

  async function openDialog(routes: Parameters<typeof fakeServer>[0]) {
    const server = fakeServer(routes)
    const w = await mountAs(police, PersonsPanel)
    await w.find('[data-testid=reveal]').trigger('click')
    return { w, server, confirm: () => w.find('[data-testid=reveal-confirm]') }
  }

  it('asks for a reason of at least four characters before the confirm button works', async () => {
    const { w, server, confirm } = await openDialog(persons)
    expect(w.find('[data-testid=reveal-dialog]').attributes('aria-label')).toBe('查看 张* 的实名信息')
    expect(w.find('[data-testid=reveal-dialog]').text()).toContain('至少 4 个字；查阅人和事由将记入审计日志')
    expect(confirm().attributes('disabled')).toBeDefined()
    await w.find('[data-testid=reveal-reason]').setValue('  核查  ')
    expect(confirm().attributes('disabled')).toBeDefined()
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(server.sent(REVEAL)).toEqual([])
  })

  it('sends the trimmed reason and shows the record unmasked, saying the reading is audited', async () => {
    const { w, server, confirm } = await openDialog({ ...persons, [REVEAL]: () => jsonResponse(200, { person: revealed }) })
    await w.find('[data-testid=reveal-reason]').setValue(' 入户走访核查 ')
    expect(confirm().attributes('disabled')).toBeUndefined()
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(server.sent(REVEAL).map((r) => r.body)).toEqual([{ reason: '入户走访核查' }])
    expect(w.find('[data-field=idNumber]').text()).toBe('370283199001011234')
    expect(w.find('[role=status]').text()).toBe('已显示实名，查阅已记入审计日志')
    expect(w.find('[data-testid=reveal-dialog]').exists()).toBe(false)
  })

  it('says the day’s cap is reached on a 429 and keeps the record masked', async () => {
    const { w } = await openDialog({ ...persons, [REVEAL]: () => refusal(429, 'reveal_limit', 'Daily reveal limit reached.') })
    await w.find('[data-testid=reveal-reason]').setValue('入户走访核查')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid=reveal-limit]').text()).toBe('今日查看实名的次数已达上限，已通知领导小组；请明日再查。')
    expect(w.find('[data-field=idNumber]').text()).toBe('370283********1234')
  })

  it('shows any other refusal in the server’s words', async () => {
    const { w } = await openDialog({ ...persons, [REVEAL]: () => refusal(403, 'forbidden', 'Not cleared for this category.') })
    await w.find('[data-testid=reveal-reason]').setValue('入户走访核查')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid=reveal-dialog] [role=alert]').text()).toBe('出错了：Not cleared for this category.')
  })
})

describe('导入真实边界 (BoundaryImportPanel)', () => {
  const admin = makeUser({ username: 'admin', role: 'admin' })
  const IMPORT = 'POST /api/areas/import'

  /** Picks a file as the reader would in the file dialog. */
  async function choose(w: VueWrapper, file: File): Promise<void> {
    const input = w.find('[data-testid=boundary-file]')
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
  }
  const problems = (w: VueWrapper) => w.findAll('.rec-problem').map((p) => p.text())

  it('is for the administrator alone', async () => {
    fakeServer({})
    const w = await mountAs(district, BoundaryImportPanel)
    expect(w.find('[data-testid=boundary-import]').exists()).toBe(false)
    expect(w.text()).toContain('只有系统管理员可以导入边界。')
  })

  it('asks for a file of a readable type and a field name before uploading', async () => {
    const server = fakeServer({})
    const w = await mountAs(admin, BoundaryImportPanel)
    await w.find('[data-testid=boundary-field]').setValue(' ')
    await w.find('form').trigger('submit')
    expect(problems(w)).toEqual(['请选择文件', '请填写字段名'])
    await choose(w, new File(['x'], 'villages.kml'))
    expect(problems(w)).toEqual(['只接受 .geojson、.json 或 .zip', '请填写字段名'])
    expect(server.received).toEqual([])
  })

  it('uploads the file matched by the code field, disabled while it imports, and says what moved', async () => {
    const held = heldAnswer(() =>
      jsonResponse(200, { imported: 2, level: 'village', crs: 'cgcs2000', format: 'geojson', rejected: [], reparented: 0, hazards: { moved: 5, unplaced: 1 }, sites: { moved: 2 } }),
    )
    const server = fakeServer({ [IMPORT]: held.answer })
    const w = await mountAs(admin, BoundaryImportPanel)
    await choose(w, new File(['{}'], 'villages.geojson'))
    await w.find('input[name=matchBy][value=code]').setValue(true)
    await w.find('[data-testid=boundary-field]').setValue('XZQDM')
    await w.find('select[name=crs]').setValue('cgcs2000')
    await w.find('form').trigger('submit')
    await flushPromises()
    const button = w.find('[data-testid=boundary-submit]')
    expect(button.attributes('disabled')).toBeDefined()
    expect(button.text()).toBe('正在导入…')
    await held.release()
    const form = server.sent(IMPORT)[0]!.body as FormData
    expect([...form.keys()].sort()).toEqual(['codeField', 'crs', 'file', 'level'])
    expect([form.get('level'), form.get('codeField'), form.get('crs'), (form.get('file') as File).name]).toEqual(['village', 'XZQDM', 'cgcs2000', 'villages.geojson'])
    expect(w.find('[data-testid=boundary-result]').text()).toContain('已替换 2 个村庄边界（geojson，CGCS2000（国家 2000））。')
    expect(w.find('[data-testid=boundary-result]').text()).toContain('5 条隐患、2 处场所按位置重新归属；1 条隐患不在任何区域内。')
  })

  it('lists every refused feature with its reasons when the file is refused (422), importing nothing', async () => {
    fakeServer({
      [IMPORT]: () =>
        refusal(422, 'invalid_features', '2 features refused; nothing imported.', [
          { feature: 3, key: '丙村', errors: [{ field: 'name', message: 'No village of that name.' }] },
          { feature: 0, key: null, errors: [{ field: 'geometry', message: 'Self-intersecting ring.' }] },
        ]),
    })
    const w = await mountAs(admin, BoundaryImportPanel)
    await choose(w, new File(['{}'], 'villages.geojson'))
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid=boundary-failure]').text()).toBe('2 个要素未通过检查，未导入任何内容：')
    const rows = w.findAll('[data-testid=rejections] tbody tr').map((r) => r.findAll('td').map((c) => c.text()))
    expect(rows).toEqual([
      ['0', '—', 'geometry', 'Self-intersecting ring.'],
      ['3', '丙村', 'name', 'No village of that name.'],
    ])
    expect(w.find('[data-testid=boundary-result]').exists()).toBe(false)
  })
})
