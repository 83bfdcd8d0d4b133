import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../server/domain/days'
import { type AppPage, type AppServer, DEFAULT_AS_OF, FULL_HD, launchChromium, openApp, screenshot, startServer } from './harness'
import { apiSession, ok } from './live-api'

/** The demo account of a village's district officer: district-1 … district-5, found by who they are. */
async function districtOf(origin: string, districtId: string | null): Promise<string> {
  for (let n = 1; n <= 5 && districtId; n++) {
    const { user } = await ok((await apiSession(origin, `district-${n}`)).api.auth.me.$get())
    if (user.areaId === districtId) return `district-${n}`
  }
  throw new Error(`no district officer for ${districtId}`)
}

/** 2026-06-20 → 2026年6月20日, as the card writes days in Chinese. */
const zhDay = (date: string) => `${+date.slice(0, 4)}年${+date.slice(5, 7)}月${+date.slice(8, 10)}日`

describe('挂牌督办 in the hazard card', () => {
  let server: AppServer
  let browser: Browser
  const opened: AppPage[] = []

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
  })

  afterEach(async () => {
    const problems = opened.flatMap((app) => app.problems())
    await Promise.all(opened.splice(0).map((app) => app.close()))
    expect(problems).toEqual([])
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function card(user: string, id: number): Promise<Page> {
    const app = await openApp(browser, server.origin, `/?hazard=${id}`, { user, viewport: FULL_HD })
    opened.push(app)
    await app.page.locator(`[data-testid="hazard-actions"][data-hazard-id="${id}"]`).waitFor({ timeout: 60_000 })
    return app.page
  }

  async function submit(page: Page, action: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
    await page.locator(`button[data-supervision-action="${action}"]`).click()
    const form = page.locator(`form[data-supervision-form="${action}"]`)
    await form.waitFor()
    await fill(form)
    await form.getByTestId('supervision-submit').click()
    await form.waitFor({ state: 'detached' })
  }

  it('the leader lists a major hazard, the district asks for more time, the leader grants it, and the card shows the new deadline', async () => {
    // A major fire hazard reported by a village and assessed and assigned by its district (the default seven days).
    const leaderApi = await apiSession(server.origin, 'leader')
    const village = (await ok(leaderApi.api.areas.$get({ query: { level: 'village' } }))).features[4]!.properties
    const districtUser = await districtOf(server.origin, village.parentId)
    const grid = await apiSession(server.origin, `grid-${village.id}`)
    const district = await apiSession(server.origin, districtUser)
    let h = (await ok(grid.api.hazards.$post({ json: { category: 'safety_accident', item: 'fire', title: `加油站储罐区消防设施缺失 ${Date.now()}`, source: 'routine', location: village.label } }), 201)).hazard
    const act = (json: Parameters<typeof district.api.hazards[':id']['actions']['$post']>[0]['json']) =>
      ok(district.api.hazards[':id'].actions.$post({ param: { id: String(h.id) }, json }))
    h = (await act({ action: 'assess', version: h.version, level: 'major', measures: '停业整改，补齐消防设施' })).hazard
    h = (await act({ action: 'assign', version: h.version, responsibleUnit: '加油站', responsiblePerson: '李卫东' })).hazard
    expect(h.deadline).toBe(addDays(DEFAULT_AS_OF, 7))

    // 1. The leader lists it for the town, supervised by the safety office, two days sooner.
    const listedBy = addDays(DEFAULT_AS_OF, 5)
    const leader = await card('leader', h.id)
    await submit(leader, 'list', async (form) => {
      await form.getByLabel('督办单位').selectOption('safety')
      await form.getByLabel('督办期限').fill(listedBy)
      await form.getByLabel('理由').fill('储罐区重大火灾隐患，镇领导小组挂牌督办')
    })
    await leader.getByTestId('hazard-listed').waitFor()
    await expect.poll(() => leader.getByTestId('supervision-deadline').textContent()).toContain(zhDay(listedBy))
    await expect(leader.getByTestId('supervision-listing').textContent()).resolves.toContain('安监办')

    // 2. The district asks for more time, told the last day it may.
    const officer = await card(districtUser, h.id)
    await officer.getByTestId('hazard-listed').waitFor()
    await officer.locator('button[data-supervision-action="ask"]').click()
    await expect(officer.getByTestId('last-day').textContent()).resolves.toContain(`最晚申请日：${zhDay(addDays(listedBy, -3))}`)
    await officer.locator('button[data-supervision-action="ask"]').click()
    const extended = addDays(listedBy, 10)
    await submit(officer, 'ask', async (form) => {
      await form.getByLabel('延至').fill(extended)
      await form.getByLabel('理由').fill('消防设备需厂家定制，到货需十天')
    })
    await officer.getByTestId('supervision-notice').filter({ hasText: '延期申请已提交' }).waitFor()
    await officer.locator('[data-testid="extensions"] li[data-decision="pending"]').waitFor()

    // 3. The leader (a fresh look at the card) grants it.
    const again = await card('leader', h.id)
    await submit(again, 'decide', async (form) => {
      await form.getByRole('radio', { name: '准予延期' }).check()
      await form.getByLabel('说明').fill('同意延期，务必按期完成')
    })
    await again.locator('[data-testid="extensions"] li[data-decision="granted"]').waitFor()
    await expect.poll(() => again.getByTestId('supervision-deadline').textContent()).toContain(zhDay(extended))
    await expect(again.getByTestId('hazard-card').textContent()).resolves.toContain(`整改期限${zhDay(extended)}`)
    await screenshot(again, 'supervision-card-1920x1080')

    // The district's card follows by the live stream: the hazard's deadline moved.
    await expect.poll(() => officer.getByTestId('supervision-deadline').textContent(), { timeout: 30_000 }).toContain(zhDay(extended))
    const { hazard } = await ok(leaderApi.api.hazards[':id'].$get({ param: { id: String(h.id) } }))
    expect(hazard.deadline).toBe(extended)
  }, 300_000)
})
