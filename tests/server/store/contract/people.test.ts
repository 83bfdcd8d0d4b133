import { afterEach, describe, expect, it } from 'vitest'
import type { NewUser } from '../../../../server/store/types'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { makePerson, withPlaces } from './people-places'

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

const newUser = (username: string, over: Partial<NewUser> = {}): NewUser => ({
  username, name: `${username} 名`, role: 'grid', areaId: null, leadUnit: null, passwordHash: `hash-${username}`, ...over,
})

describe('the store (each adapter): accounts', () => {
  it('numbers accounts and finds them by name and id, the password hash only where asked', async () => {
    open = await openBareStore()
    const { users } = open.store
    const a = users.insert(newUser('grid-1'))
    const b = users.insert(newUser('safety', { role: 'lead_unit', leadUnit: 'safety' }))
    expect(b.id).toBeGreaterThan(a.id)
    expect(a).toEqual({ id: a.id, username: 'grid-1', name: 'grid-1 名', role: 'grid', areaId: null, leadUnit: null, passwordHash: 'hash-grid-1' })
    expect(users.byUsername('safety')).toEqual(b)
    expect(users.byId(a.id)).toEqual(a)
    expect(users.byUsername('nobody')).toBeUndefined()
    expect(users.byId(999)).toBeUndefined()
    expect(users.list()).toEqual([
      { id: a.id, username: 'grid-1', name: 'grid-1 名', role: 'grid', areaId: null, leadUnit: null },
      { id: b.id, username: 'safety', name: 'safety 名', role: 'lead_unit', areaId: null, leadUnit: 'safety' },
    ])
  })

  it('refuses a second account of the same name', async () => {
    open = await openBareStore()
    open.store.users.insert(newUser('grid-1'))
    expect(() => open!.store.users.insert(newUser('grid-1'))).toThrow()
    expect(open.store.users.list()).toHaveLength(1)
  })

  it('sets a password and removes an account, saying whether there was one', async () => {
    open = await openBareStore()
    const { users } = open.store
    users.insert(newUser('grid-1'))
    expect(users.setPassword('grid-1', 'new-hash')).toBe(true)
    expect(users.byUsername('grid-1')?.passwordHash).toBe('new-hash')
    expect(users.setPassword('nobody', 'x')).toBe(false)
    expect(users.remove('grid-1')).toBe(true)
    expect(users.remove('grid-1')).toBe(false)
    expect(users.byUsername('grid-1')).toBeUndefined()
  })

  it('keeps an account’s area when it has one', async () => {
    open = await openBareStore()
    withPlaces(open.store)
    const u = open.store.users.insert(newUser('v-1', { areaId: 'village' }))
    expect(open.store.users.byId(u.id)?.areaId).toBe('village')
  })
})

describe('the store (each adapter): sessions', () => {
  const at = 1_796_000_000_000 // epoch ms, past 2^31

  it('keeps a session by its token hash and follows its last use', async () => {
    open = await openBareStore()
    const { users, sessions } = open.store
    const u = users.insert(newUser('grid-1'))
    sessions.create({ tokenHash: 'tok-1', userId: u.id, createdAt: at, lastSeenAt: at })
    expect(sessions.get('tok-1')).toEqual({ tokenHash: 'tok-1', userId: u.id, createdAt: at, lastSeenAt: at })
    sessions.touch('tok-1', at + 90_000)
    expect(sessions.get('tok-1')?.lastSeenAt).toBe(at + 90_000)
    sessions.delete('tok-1')
    expect(sessions.get('tok-1')).toBeUndefined()
  })

  it('ends a user’s sessions, and all of them when the account is removed', async () => {
    open = await openBareStore()
    const { users, sessions } = open.store
    const a = users.insert(newUser('a'))
    const b = users.insert(newUser('b'))
    for (const [token, userId] of [['a1', a.id], ['a2', a.id], ['b1', b.id]] as const) sessions.create({ tokenHash: token, userId, createdAt: at, lastSeenAt: at })
    sessions.deleteForUser(a.id)
    expect([sessions.get('a1'), sessions.get('a2')]).toEqual([undefined, undefined])
    expect(sessions.get('b1')?.userId).toBe(b.id)
    users.remove('b')
    expect(sessions.get('b1')).toBeUndefined()
  })

  it('expires sessions created too long ago or idle too long, counting them', async () => {
    open = await openBareStore()
    const { users, sessions } = open.store
    const u = users.insert(newUser('grid-1'))
    sessions.create({ tokenHash: 'old', userId: u.id, createdAt: at - 10, lastSeenAt: at + 10 })
    sessions.create({ tokenHash: 'idle', userId: u.id, createdAt: at + 10, lastSeenAt: at - 10 })
    sessions.create({ tokenHash: 'fresh', userId: u.id, createdAt: at, lastSeenAt: at })
    expect(sessions.deleteOlderThan(at, at)).toBe(2)
    expect(sessions.get('fresh')).toBeDefined()
    expect(sessions.deleteOlderThan(at, at)).toBe(0)
  })

  it('refuses a session of no account', async () => {
    open = await openBareStore()
    expect(() => open!.store.sessions.create({ tokenHash: 't', userId: 42, createdAt: at, lastSeenAt: at })).toThrow()
  })
})

describe('the store (each adapter): key persons and their visits', () => {
  it('lists persons by village in id order, exactly as stored', async () => {
    open = await openBareStore()
    withPlaces(open.store)
    const { persons } = open.store
    const list = [makePerson(3, { villageId: 'village-2' }), makePerson(1), makePerson(2, { controlLevel: 'strict', kind: 'drug_user' })]
    persons.insertMany(list)
    expect(persons.list()).toEqual([list[1], list[2], list[0]])
    expect(persons.list(['village'])).toEqual([list[1], list[2]])
    expect(persons.list([])).toEqual([])
    expect(persons.get(3)).toEqual(list[0])
    expect(persons.get(4)).toBeUndefined()
    expect(persons.countByVillage()).toEqual(new Map([['village', 2], ['village-2', 1]]))
  })

  it('records visits and lists a person’s newest first', async () => {
    open = await openBareStore()
    withPlaces(open.store)
    const { persons } = open.store
    persons.insertMany([makePerson(1), makePerson(2)])
    const visit = (personId: number, date: string) => ({ personId, date, visitors: '李四', note: '情绪稳定', createdBy: 'grid-1', createdAt: `${date}T10:00:00+08:00` })
    const first = persons.addVisit(visit(1, '2026-11-02'))
    expect(first).toEqual({ id: first.id, ...visit(1, '2026-11-02') })
    const later = persons.addVisit(visit(1, '2026-11-20'))
    const sameDay = persons.addVisit(visit(1, '2026-11-20'))
    persons.addVisit(visit(2, '2026-11-21'))
    expect(persons.visits(1).map((v) => v.id)).toEqual([sameDay.id, later.id, first.id])
    expect(persons.visits(3)).toEqual([])
  })

  it('refuses a visit to no one', async () => {
    open = await openBareStore()
    expect(() => open!.store.persons.addVisit({ personId: 9, date: '2026-11-02', visitors: 'x', note: 'y', createdBy: 'z', createdAt: '2026-11-02T10:00:00+08:00' })).toThrow()
  })
})
