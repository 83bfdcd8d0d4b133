import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonView as Person, PersonVisit as Visit } from '../../../server/domain/contract/persons'
import type { TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

const firstPerson = async (user: string) => ((await (await (await t.as(user)).get('/api/persons')).json()) as { persons: Person[] }).persons[0]!

describe('visits to key persons', () => {
  it('are recorded by a cleared role and listed newest first', async () => {
    const p = await firstPerson('leader')
    const leader = await t.as('leader')
    const today = t.services.today()
    const older = await leader.post(`/api/persons/${p.id}/visits`, { date: '2026-01-05', visitors: '王伟', note: '在家，情绪稳定' })
    expect(older.status).toBe(201)
    const newer = await leader.post(`/api/persons/${p.id}/visits`, { date: today, visitors: '王伟、李娜', note: '落实监护人责任' })
    const { visit } = (await newer.json()) as { visit: Visit }
    expect(visit).toMatchObject({ personId: p.id, date: today, visitors: '王伟、李娜', createdBy: 'leader' })
    const list = ((await (await leader.get(`/api/persons/${p.id}/visits`)).json()) as { visits: Visit[] }).visits
    expect(list.map((v) => v.date)).toEqual([today, '2026-01-05'])
  })

  it('are refused to roles not cleared, and hidden from a lead unit not cleared for that kind', async () => {
    const p = await firstPerson('police')
    for (const user of ['analyst', 'district-1', 'safety', 'wall']) {
      expect((await (await t.as(user)).get(`/api/persons/${p.id}/visits`)).status, user).toBe(403)
      expect((await (await t.as(user)).post(`/api/persons/${p.id}/visits`, { date: '2026-01-05', visitors: '甲', note: '乙' })).status, user).toBe(403)
    }
    expect((await (await t.as('governance')).get(`/api/persons/${p.id}/visits`)).status).toBe(404)
  })

  it('refuse a date after today, an empty note and unknown fields', async () => {
    const p = await firstPerson('leader')
    const leader = await t.as('leader')
    const tomorrow = new Date(Date.parse(`${t.services.today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    expect((await leader.post(`/api/persons/${p.id}/visits`, { date: tomorrow, visitors: '王伟', note: '走访' })).status).toBe(400)
    expect((await leader.post(`/api/persons/${p.id}/visits`, { date: '2026-01-05', visitors: '王伟', note: ' ' })).status).toBe(400)
    expect((await leader.post(`/api/persons/${p.id}/visits`, { date: '2026-01-05', visitors: '王伟', note: '走访', idNumber: 'x' })).status).toBe(400)
  })
})
