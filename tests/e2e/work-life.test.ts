import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { categoryById } from '../../server/domain/categories'
import type { Status } from '../../server/domain/statuses'
import { openStatuses } from '../../server/domain/statuses'
import { picture } from '../fixtures/images'
import { type AppPage, type AppServer, launchChromium, openApp, screenshot, startServer } from './harness'
import { apiSession, ok } from './live-api'

/** The small laptop the workbench must stay readable on. */
const LAPTOP = { width: 1280, height: 800 } as const
const category = categoryById.safety_accident
const fireItem = category.items.find((i) => i.id === 'fire')!

/** The demo account of a village's district officer: district-1 … district-5, found by who they are. */
async function districtOf(origin: string, districtId: string | null): Promise<string> {
  for (let n = 1; n <= 5 && districtId; n++) {
    const { user } = await ok((await apiSession(origin, `district-${n}`)).api.auth.me.$get())
    if (user.areaId === districtId) return `district-${n}`
  }
  throw new Error(`no district officer for ${districtId}`)
}

async function jpeg(name: string) {
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from(await picture('jpeg', 320, 240)) }
}

const row = (page: Page, id: number) => page.locator(`[data-testid="work-item"][data-hazard-id="${id}"]`)
const actions = (page: Page) => page.getByTestId('hazard-actions')

/** Waits until the open card shows the hazard in this status (after our step, or a live reload). */
async function cardStatus(page: Page, id: number, status: Status): Promise<void> {
  await page.locator(`[data-testid="hazard-actions"][data-hazard-id="${id}"][data-status="${status}"]`).waitFor()
}

/** Opens the step's form from the card, fills it, submits it and waits for the status it leads to. */
async function step(page: Page, id: number, action: string, fill: (form: Locator) => Promise<void>, then: Status): Promise<void> {
  await actions(page).locator(`button[data-action="${action}"]`).click()
  const form = page.locator(`form[data-step-form="${action}"]`)
  await form.waitFor()
  await fill(form)
  await form.getByTestId('step-submit').click()
  await cardStatus(page, id, then)
}

describe('one hazard’s whole life through the workbench', () => {
  let server: AppServer
  let browser: Browser
  const opened: AppPage[] = []
  /** Refusals a test provokes on purpose: Chromium logs every 4xx a page receives as a console error. */
  let provoked: string[] = []

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
  })

  afterEach(async () => {
    // Every page stayed on our own server and logged no errors or failed requests.
    const problems = opened.flatMap((app) => app.problems()).filter((line) => !provoked.includes(line))
    provoked = []
    await Promise.all(opened.splice(0).map((app) => app.close()))
    expect(problems).toEqual([])
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function open(user: string, path: string): Promise<Page> {
    const app = await openApp(browser, server.origin, path, { user, viewport: LAPTOP })
    opened.push(app)
    return app.page
  }

  it('is reported by the grid worker, assessed and assigned by the district, rectified by the village, escalated to and closed out by the lead unit', async () => {
    // The village of the first grid worker, its district's officer and the lead unit of the category.
    const leader = await apiSession(server.origin, 'leader')
    const villages = await ok(leader.api.areas.$get({ query: { level: 'village' } }))
    const village = villages.features[0]!.properties
    const elsewhere = villages.features[1]!.properties.label
    const gridUser = `grid-${village.id}`
    const districtUser = await districtOf(server.origin, village.parentId)
    const leadUser = category.leadUnit

    // 1. The grid worker reports it: a click on the small map places it; one photo when found.
    const title = `消防通道堆放杂物 ${Date.now()}`
    const grid = await open(gridUser, '/work?tab=report')
    // Nothing is sent while the form itself can tell what is missing.
    await grid.getByTestId('report-submit').click()
    await expect(grid.locator('[data-field-error="title"]').textContent()).resolves.toBe('必填')
    await expect(grid.locator('[data-field-error="location"]').textContent()).resolves.toBe('必填')
    const picker = grid.getByTestId('point-picker')
    await grid.locator('[data-testid="point-picker"][data-picker-state="ready"]').waitFor({ timeout: 60_000 })
    await picker.locator('canvas').click()
    await expect.poll(() => grid.getByLabel('经度').inputValue()).not.toBe('')
    const picked = [await grid.getByLabel('经度').inputValue(), await grid.getByLabel('纬度').inputValue()] as const
    await grid.getByLabel('风险类别').selectOption(category.id)
    await grid.getByLabel('排查重点').selectOption(fireItem.id)
    await grid.getByLabel('隐患名称').fill(title)
    // The server's field errors (400) are shown beside the field: a point in another village is not this worker's.
    provoked.push(`console error: Failed to load resource: the server responded with a status of 400 (Bad Request) (${server.origin}/api/hazards)`)
    await grid.getByLabel('经度').fill(String(elsewhere[0]))
    await grid.getByLabel('纬度').fill(String(elsewhere[1]))
    await grid.getByTestId('report-submit').click()
    await grid.locator('[data-field-error="location"]').filter({ hasText: '位置不在您的辖区内' }).waitFor()
    // Typing the picked point back clears the complaint.
    await grid.getByLabel('经度').fill(picked[0])
    await grid.getByLabel('纬度').fill(picked[1])
    await expect(grid.locator('[data-field-error="location"]').count()).resolves.toBe(0)
    await grid.getByLabel('情况描述').fill('村东仓库消防通道被杂物堵塞，约 20 米。')
    await grid.getByTestId('report-photos').locator('input[type="file"]').setInputFiles(await jpeg('found.jpg'))
    await grid.getByTestId('report-photos').locator('img').waitFor()
    await grid.locator('.point-picker__canvas[data-map-idle="true"]').waitFor({ timeout: 60_000 })
    await screenshot(grid, 'work-report')
    await grid.getByTestId('report-submit').click()
    const done = grid.getByTestId('report-done')
    await done.waitFor()
    const id = Number(await done.getAttribute('data-hazard-id'))
    expect(id).toBeGreaterThan(0)
    await expect(done.textContent()).resolves.toContain(title)

    // 2. The district officer finds it on their queue, assesses it and assigns it with the default deadline.
    const district = await open(districtUser, '/work')
    await row(district, id).click()
    await cardStatus(district, id, 'reported')
    await expect(district.getByTestId('hazard-photos').locator('[data-stage="found"] img').count()).resolves.toBe(1)
    await step(district, id, 'assess', async (form) => {
      await form.getByRole('radio', { name: '较大' }).check()
      await form.getByLabel('防范措施').fill('清理通道，设置禁止堆放标识')
    }, 'assessed')
    await actions(district).locator('button[data-action="assign"]').click()
    const assign = district.locator('form[data-step-form="assign"]')
    // The significant level's 15 days from the server's today (2026-06-15).
    await expect.poll(() => assign.getByLabel('整改期限').inputValue()).toBe('2026-06-30')
    await assign.getByLabel('责任单位').fill('村东仓库')
    await assign.getByLabel('责任人').fill('王建国')
    await assign.getByTestId('step-submit').scrollIntoViewIfNeeded()
    await screenshot(district, 'work-queue')
    await assign.getByTestId('step-submit').click()
    await cardStatus(district, id, 'assigned')

    // 3. The lead unit's page is open before anything is escalated: the notice must arrive live.
    const lead = await open(leadUser, '/work')
    await lead.getByTestId('work-queue').waitFor()

    // 4. The grid worker's queue has it to rectify (live, no reload); they start, escalate, and rectify with an after-photo.
    await grid.getByRole('tab', { name: '我的待办' }).click()
    await row(grid, id).locator('[data-task="rectify"]').waitFor()
    await row(grid, id).click()
    await step(grid, id, 'start', async () => undefined, 'rectifying')
    await actions(grid).locator('button[data-action="escalate"]').click()
    const escalate = grid.locator('form[data-step-form="escalate"]')
    await escalate.getByLabel('上报理由（将通知牵头单位负责人）').fill('杂物属企业所有，需安监办协调')
    await escalate.getByTestId('step-submit').click()
    await grid.getByTestId('action-notice').filter({ hasText: '上报疑难/紧急' }).waitFor()
    // Escalated once, it is no longer offered (the card reloads with the flag set).
    await actions(grid).locator('button[data-action="escalate"]').waitFor({ state: 'detached' })

    const notice = lead.locator(`[data-testid="notifications"] [data-hazard-id="${id}"]`)
    await notice.waitFor()
    await expect(notice.textContent()).resolves.toContain('杂物属企业所有')
    await screenshot(lead, 'work-notice')

    await step(grid, id, 'rectify', async (form) => {
      await form.getByLabel('整改情况').fill('杂物已清运，通道畅通')
      await form.getByTestId('rectify-photos').locator('input[type="file"]').setInputFiles(await jpeg('after.jpg'))
    }, 'rectified')
    await grid.getByTestId('hazard-photos').locator('[data-stage="rectified"] img').waitFor()

    // 5. The lead unit opens it from the notice and, once it waits for verification, closes it out.
    await notice.getByRole('button', { name: '查看隐患' }).click()
    await cardStatus(lead, id, 'rectified')
    await row(lead, id).locator('[data-task="verify"]').waitFor()
    await step(lead, id, 'verify', async (form) => {
      await form.getByRole('radio', { name: '验收通过，予以销号' }).check()
      await form.getByLabel('验收意见 / 退回原因').fill('现场核查，整改到位')
    }, 'closed')
    await expect(lead.getByTestId('hazard-card').textContent()).resolves.toContain('已销号')

    // 6. Struck off: gone from every queue and from the open list.
    await row(lead, id).waitFor({ state: 'detached' })
    await row(grid, id).waitFor({ state: 'detached' })
    await row(district, id).waitFor({ state: 'detached' })
    const stillOpen = await ok(leader.api.hazards.$get({ query: { status: openStatuses.join(','), q: title } }))
    expect(stillOpen.features).toEqual([])
  }, 420_000)

  it('records a hazard rectified on the spot with its evidence in one go, placed by typed coordinates; a second person closes it out', async () => {
    const leader = await apiSession(server.origin, 'leader')
    const villages = await ok(leader.api.areas.$get({ query: { level: 'village' } }))
    const { id: villageId, parentId, label } = villages.features[2]!.properties
    const title = `集市灭火器过期 ${Date.now()}`
    const page = await open(`grid-${villageId}`, '/work?tab=report')
    await page.getByLabel('经度').fill(String(label[0]))
    await page.getByLabel('纬度').fill(String(label[1]))
    await page.getByLabel('风险类别').selectOption(category.id)
    await page.getByLabel('排查重点').selectOption(fireItem.id)
    await page.getByLabel('隐患名称').fill(title)
    await page.getByTestId('report-photos').locator('input[type="file"]').setInputFiles(await jpeg('before.jpg'))
    await page.getByLabel('已当场整改（登记即记为已整改）').check()
    await page.getByLabel('整改情况').fill('当场更换灭火器 2 具')
    await page.getByTestId('spot-photos').locator('input[type="file"]').setInputFiles(await jpeg('after.jpg'))
    await page.getByTestId('report-submit').click()
    const done = page.getByTestId('report-done')
    await expect(done.textContent()).resolves.toContain('已登记并记为当场整改')
    const id = Number(await done.getAttribute('data-hazard-id'))

    await done.getByRole('button', { name: '查看详情' }).click()
    await cardStatus(page, id, 'rectified')
    const photos = page.getByTestId('hazard-photos')
    await expect(photos.locator('[data-stage="found"] img').count()).resolves.toBe(1)
    await expect(photos.locator('[data-stage="rectified"] img').count()).resolves.toBe(1)
    await expect(page.getByTestId('hazard-timeline').textContent()).resolves.toContain('当场更换灭火器 2 具')

    // Four eyes: the district officer, a second person, finds it waiting for verification, sees the after-photo as its evidence and closes it out.
    const district = await open(await districtOf(server.origin, parentId), '/work')
    await row(district, id).locator('[data-task="verify"]').waitFor()
    await row(district, id).click()
    await cardStatus(district, id, 'rectified')
    await step(district, id, 'verify', async (form) => {
      await form.locator('[data-testid="verify-evidence"][data-evidence="yes"]').waitFor()
      await expect(form.getByTestId('verify-evidence').textContent()).resolves.toContain('整改后照片 1 张')
      await form.getByRole('radio', { name: '验收通过，予以销号' }).check()
      await form.getByLabel('验收意见 / 退回原因').fill('现场核查，灭火器已更换')
    }, 'closed')
  })

  it('does not let a district officer close out what they reported and fixed on the spot; the lead unit does, reading why there is no photo', async () => {
    const leader = await apiSession(server.origin, 'leader')
    const villages = await ok(leader.api.areas.$get({ query: { level: 'village' } }))
    const { parentId, label } = villages.features[4]!.properties
    const title = `夜市摊点占用消防通道 ${Date.now()}`
    const reason = '摊点夜间已撤离，现场无可拍摄之物'
    const page = await open(await districtOf(server.origin, parentId), '/work?tab=report')
    await page.getByLabel('经度').fill(String(label[0]))
    await page.getByLabel('纬度').fill(String(label[1]))
    await page.getByLabel('风险类别').selectOption(category.id)
    await page.getByLabel('排查重点').selectOption(fireItem.id)
    await page.getByLabel('隐患名称').fill(title)
    await page.getByLabel('已当场整改（登记即记为已整改）').check()
    await page.getByLabel('整改情况').fill('当场劝离摊点，通道已畅通')
    // No after-photo: nothing is sent until the form says why none can exist.
    await page.getByTestId('report-submit').click()
    await expect(page.locator('[data-field-error="spotNoPhotoReason"]').textContent()).resolves.toBe('必填')
    await page.getByLabel('无法提供整改后照片的原因').fill(reason)
    await page.getByTestId('report-submit').click()
    const done = page.getByTestId('report-done')
    await expect(done.textContent()).resolves.toContain('已登记并记为当场整改')
    const id = Number(await done.getAttribute('data-hazard-id'))

    await done.getByRole('button', { name: '查看详情' }).click()
    await cardStatus(page, id, 'rectified')
    await expect(page.getByTestId('verify-withheld').textContent()).resolves.toContain('须由他人验收')
    await expect(actions(page).locator('button[data-action="verify"]').count()).resolves.toBe(0)

    const lead = await open(category.leadUnit, '/work')
    await row(lead, id).locator('[data-task="verify"]').waitFor()
    await row(lead, id).click()
    await cardStatus(lead, id, 'rectified')
    await step(lead, id, 'verify', async (form) => {
      await expect(form.getByTestId('no-photo-reason-text').textContent()).resolves.toBe(reason)
      await form.getByRole('radio', { name: '验收通过，予以销号' }).check()
      await form.getByLabel('验收意见 / 退回原因').fill('电话核实，通道畅通')
    }, 'closed')
  })
})
