// @vitest-environment happy-dom
import type { VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import type { HazardDetail } from '../../../web/api/hazards'
import HazardCard from '../../../web/hazard/HazardCard.vue'
import { useSelectionStore } from '../../../web/stores/selection'
import { useSessionStore } from '../../../web/stores/session'
import { makeUser } from '../session/factories'
import { makeHazard } from '../work/factories'
import { fakeServer, flushPromises, jsonResponse, mountForm } from './mount'

/** The hazard card's three times (发现 / 登记 / 接收) and its 迟报 / 瞒报 badge, judged by the server's limits. */

const empty = { type: 'FeatureCollection', features: [] }
const detailOf = (times: { foundAt: string; reportedAt: string; receivedAt: string }): HazardDetail => ({
  hazard: makeHazard({ id: 7, discoveredAt: times.foundAt.slice(0, 10), ...times }),
  events: [], photos: [], closeOut: { own: null, photos: 0, noPhotoReason: null },
  supervision: null, extensions: [], supervisionRights: { list: false, close: false, ask: false, decide: false, lastDayToAsk: null, noticeDays: 3 },
})

let wrapper: VueWrapper | undefined
afterEach(() => wrapper?.unmount())

async function openCard(detail: HazardDetail, limits = { reportLimitHours: 24, concealedAfterDays: 7, verifyLimitDays: 3 }): Promise<VueWrapper> {
  fakeServer({
    'GET /api/hazards/7': () => jsonResponse(200, detail),
    'GET /api/health': () => jsonResponse(200, { ok: true, today: '2026-06-28', demo: false, limits }),
    'GET /api/areas': () => jsonResponse(200, empty),
  })
  const pinia = createPinia()
  useSessionStore(pinia).user = makeUser({ username: 'leader', role: 'leader', areaId: null })
  useSelectionStore(pinia).openHazard(7)
  wrapper = mountForm(HazardCard, { pinia, stubs: { RouterLink: true, HazardActions: true, SupervisionPanel: true } })
  await flushPromises()
  return wrapper
}

const fact = (w: VueWrapper, id: string) => w.find(`[data-testid=${id}]`).text()

describe('the hazard card’s times', () => {
  it('shows when it was found, reported and received, in China time, and 迟报 when reported after the limit', async () => {
    const w = await openCard(detailOf({ foundAt: '2026-06-20T01:30:00Z', reportedAt: '2026-06-21T15:45:00+08:00', receivedAt: '2026-06-21T18:45:00+08:00' }))
    expect(fact(w, 'hazard-found')).toBe('发现时间2026-06-20 09:30')
    expect(fact(w, 'hazard-reported')).toBe('登记时间2026-06-21 15:45')
    expect(fact(w, 'hazard-received')).toBe('接收时间2026-06-21 18:45离线暂存，3 小时后送达')
    const badge = w.find('[data-testid=hazard-timeliness]')
    expect(badge.text()).toBe('迟报')
    expect(badge.attributes('title')).toBe('发现 30 小时后才登记，超过 24 小时上报时限')
  })

  it('shows 瞒报 for a report held back beyond the concealment limit, and no badge within the limit', async () => {
    let w = await openCard(detailOf({ foundAt: '2026-06-01T10:00:00+08:00', reportedAt: '2026-06-10T11:00:00+08:00', receivedAt: '2026-06-10T11:00:00+08:00' }))
    expect(w.find('[data-testid=hazard-timeliness]').text()).toBe('瞒报')
    expect(fact(w, 'hazard-received')).toBe('接收时间2026-06-10 11:00')
    w.unmount()
    w = await openCard(detailOf({ foundAt: '2026-06-20T09:30:00+08:00', reportedAt: '2026-06-21T09:00:00+08:00', receivedAt: '2026-06-21T09:00:00+08:00' }))
    expect(w.find('[data-testid=hazard-timeliness]').exists()).toBe(false)
  })
})
