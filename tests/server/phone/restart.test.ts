import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import type { HazardAnswer } from '../../../server/domain/contract/hazards'
import type { Services } from '../../../server/services/context'
import { startServices } from '../../../server/start'
import { PASSWORD, type TestApp } from '../support/app'
import { areasOf, gridAccount, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { newKey, phoneReport, sendReport } from './support'

/**
 * The server restarts between a phone's send and its answer (the answer is lost); the phone sends
 * the queued report again to the new process over the same database file: the first answer, one hazard.
 */

let t: TestApp
let again: Services | undefined

beforeAll(async () => {
  t = await openSeededApp()
}, 120_000)
afterAll(() => {
  again?.store.close()
  t.close()
})

it('answers a resend after a restart with the first answer, and keeps one hazard', async () => {
  const village = (await areasOf(await t.as('leader'), 'village'))[5]!
  const username = gridAccount(village.id)
  const key = newKey()
  const body = phoneReport(village.label, { title: '重启前发送的隐患' })
  const first = await read<HazardAnswer>(sendReport(await t.as(username), body, key), 201)
  const count = t.services.store.hazards.count()
  t.services.store.close()

  again = await startServices(t.services.env)
  const app = createApp(again)
  const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const res = await app.request('/api/hazards', { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) })
  expect(res.headers.get('Idempotent-Replayed')).toBe('true')
  expect(await read<HazardAnswer>(res, 201)).toEqual(first)
  expect(again.store.hazards.count()).toBe(count)
})
