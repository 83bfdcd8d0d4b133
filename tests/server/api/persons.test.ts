import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

interface Person { id: number; kind: string; villageId: string; name: string; idNumber: string; phone: string; masked: boolean }
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

  it('unmask one record only with a reason, and the reading is audited', async () => {
    const p = ((await (await persons('leader')).json()) as { persons: Person[] }).persons[0]!
    const leader = await t.as('leader')
    expect((await leader.get(`/api/persons/${p.id}?reveal=true`)).status).toBe(400)
    const before = t.services.store.audit.list(100).length
    const res = await leader.get(`/api/persons/${p.id}?reveal=true&reason=${encodeURIComponent('走访核实身份信息')}`)
    expect(res.status).toBe(200)
    const { person } = (await res.json()) as { person: Person }
    expect(person.masked).toBe(false)
    expect(person.idNumber).toMatch(/^370283\d{11}[\dX]$/)
    const audit = t.services.store.audit.list(100)
    expect(audit.length).toBe(before + 1)
    expect(audit[0]).toMatchObject({ username: 'leader', action: 'reveal_person', target: String(p.id), reason: '走访核实身份信息' })
  })

  it('filter by area', async () => {
    const all = ((await (await persons('leader')).json()) as { persons: Person[] }).persons
    const village = all[0]!.villageId
    const some = ((await (await persons('leader', `?area=${village}`)).json()) as { persons: Person[] }).persons
    expect(some.length).toBeGreaterThan(0)
    expect(some.every((p) => p.villageId === village)).toBe(true)
  })
})
