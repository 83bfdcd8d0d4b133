import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonView as Person } from '../../../server/domain/contract/persons'
import type { TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

const persons = async (user: string, query = '') => (await (await t.as(user)).get(`/api/persons${query}`))

describe('key persons', () => {
  it('are refused to every role not cleared, with nothing in the refusal', async () => {
    for (const user of ['analyst', 'wall', 'safety', 'masswork', 'district-1', 'admin']) {
      const res = await persons(user)
      expect(res.status, user).toBe(403)
      expect(await res.text()).not.toMatch(/\d{6}\*{8}|370283\d{12}/)
    }
  })

  it('come masked to the leader: family name and the ID number’s ends only', async () => {
    const list = ((await (await persons('leader')).json()) as { persons: Person[] }).persons
    expect(list.length).toBeGreaterThanOrEqual(100)
    for (const p of list) {
      expect(p.masked).toBe(true)
      expect(p.name).toMatch(/^.\*+$/u)
      expect(p.idNumber).toMatch(/^370283\*{8}[\dX]{4}$/)
      expect(p.phone).toMatch(/^1\d\d\*{4}\d{4}$/)
    }
  })

  it('are split by clearance: the police see terror-watch and floating people, governance the rest', async () => {
    const police = ((await (await persons('police')).json()) as { persons: Person[] }).persons
    const governance = ((await (await persons('governance')).json()) as { persons: Person[] }).persons
    expect(new Set(police.map((p) => p.kind))).toEqual(new Set(['terror_watch', 'floating_population']))
    expect(governance.some((p) => p.kind === 'petitioner')).toBe(true)
    expect(governance.some((p) => p.kind === 'terror_watch')).toBe(false)
    const other = police[0]!.id
    expect((await (await t.as('governance')).get(`/api/persons/${other}`)).status).toBe(404)
  })

  it('unmask one record only by POST with a reason in the body, and the reading is audited', async () => {
    const p = ((await (await persons('leader')).json()) as { persons: Person[] }).persons[0]!
    const leader = await t.as('leader')
    const noReason = await leader.post(`/api/persons/${p.id}/reveal`, {})
    expect(noReason.status).toBe(400)
    expect(JSON.stringify(await noReason.json())).toContain('reason')
    const before = t.services.store.audit.list(1_000_000).length
    const res = await leader.post(`/api/persons/${p.id}/reveal`, { reason: '走访核实身份信息' })
    expect(res.status).toBe(200)
    const { person } = (await res.json()) as { person: Person }
    expect(person.masked).toBe(false)
    expect(person.idNumber).toMatch(/^370283\d{11}[\dX]$/)
    const audit = t.services.store.audit.list(1_000_000)
    expect(audit.length).toBe(before + 1)
    expect(audit[0]).toMatchObject({ username: 'leader', action: 'reveal_person', target: String(p.id), reason: '走访核实身份信息' })
  })

  it('are not unmasked by a GET, whose reason would sit in every log along the way', async () => {
    const p = ((await (await persons('leader')).json()) as { persons: Person[] }).persons[0]!
    const res = await (await t.as('leader')).get(`/api/persons/${p.id}?reveal=true&reason=${encodeURIComponent('走访核实身份信息')}`)
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text).toContain('reveal')
    expect(text).not.toMatch(/370283\d{11}[\dX]/)
  })

  it('a reveal of a person outside the caller’s clearance is refused and unmasks nothing', async () => {
    const police = ((await (await persons('police')).json()) as { persons: Person[] }).persons
    const res = await (await t.as('governance')).post(`/api/persons/${police[0]!.id}/reveal`, { reason: '走访核实身份信息' })
    expect(res.status).toBe(404)
    expect(await res.text()).not.toMatch(/370283\d{11}[\dX]/)
    expect((await (await t.as('analyst')).post(`/api/persons/${police[0]!.id}/reveal`, { reason: '走访核实身份信息' })).status).toBe(403)
  })

  it('listing masked persons and reading visit notes are audited', async () => {
    const before = t.services.store.audit.list(1000).length
    const list = ((await (await persons('police')).json()) as { persons: Person[] }).persons
    expect(t.services.store.audit.list(1)[0]).toMatchObject({ username: 'police', action: 'list_persons' })
    expect((await (await t.as('police')).get(`/api/persons/${list[0]!.id}/visits`)).status).toBe(200)
    expect(t.services.store.audit.list(1)[0]).toMatchObject({ username: 'police', action: 'read_visits', target: String(list[0]!.id) })
    expect(t.services.store.audit.list(1000).length).toBe(before + 2)
  })

  it('filter by area', async () => {
    const all = ((await (await persons('leader')).json()) as { persons: Person[] }).persons
    const village = all[0]!.villageId
    const some = ((await (await persons('leader', `?area=${village}`)).json()) as { persons: Person[] }).persons
    expect(some.length).toBeGreaterThan(0)
    expect(some.every((p) => p.villageId === village)).toBe(true)
  })
})

describe('the daily cap on reveals', () => {
  let capped: TestApp
  beforeAll(async () => {
    capped = await openSeededApp({ REVEAL_DAILY_LIMIT: '3' })
  })
  afterAll(() => capped.close())

  it('refuses the account’s reveals beyond REVEAL_DAILY_LIMIT a day with 429, tells the leader, and leaves other accounts their own', async () => {
    const police = await capped.as('police')
    const list = ((await (await police.get('/api/persons')).json()) as { persons: Person[] }).persons
    for (const p of list.slice(0, 3)) expect((await police.post(`/api/persons/${p.id}/reveal`, { reason: '走访核实身份信息' })).status).toBe(200)
    const refused = await police.post(`/api/persons/${list[3]!.id}/reveal`, { reason: '走访核实身份信息' })
    expect(refused.status).toBe(429)
    expect(await refused.text()).not.toMatch(/370283\d{11}[\dX]/)
    const audit = capped.services.store.audit.list(5)
    expect(audit[0]).toMatchObject({ username: 'police', action: 'reveal_refused', target: String(list[3]!.id) })
    expect(audit.filter((a) => a.action === 'reveal_person' && a.username === 'police')).toHaveLength(3)

    const leader = await capped.as('leader')
    const notes = (await (await leader.get('/api/notifications')).json()) as { notifications: Array<{ message: string }> }
    expect(notes.notifications.some((n) => n.message.includes('police') && n.message.includes('3'))).toBe(true)
    // The cap is per account: the leader still reveals.
    expect((await leader.post(`/api/persons/${list[3]!.id}/reveal`, { reason: '复核派出所查看记录' })).status).toBe(200)
  })
})
