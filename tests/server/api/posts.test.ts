import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FieldErrorBody } from '../../../server/domain/contract/common'
import type { PostAssigned, PostView } from '../../../server/domain/contract/posts'
import { addDays } from '../../../server/domain/days'
import type { PostRecord } from '../../../server/store/types'
import { REPLACED_CELLS } from '../../../server/seed/posts'
import { AS_OF, type Client, type TestApp } from '../support/app'
import { ok, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000

let t: TestApp
let leader: Client
let admin: Client
let campaignStart: string
/** the seeded grid cells whose worker was replaced mid-year: their two records, oldest first */
let replaced: Array<[PostRecord, PostRecord]>

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  admin = await t.as('admin')
  campaignStart = t.services.store.meta.get('campaignStart')!
  const byCell = new Map<string, PostRecord[]>()
  for (const r of t.services.store.posts.list({ kind: 'grid_worker' })) byCell.set(r.placeId, [...(byCell.get(r.placeId) ?? []), r])
  replaced = [...byCell.values()].filter((rs) => rs.length === 2).map((rs) => [rs[0]!, rs[1]!])
}, SEEDING)
afterAll(() => t.close())

const list = (as: Client, query: Record<string, string> = {}) => ok(as.api.posts.$get({ query }))
const assign = (as: Client, body: unknown) => as.post('/api/posts', body)
/** What a record looks like in an answer that shows phones. */
const viewOf = (r: PostRecord, placeName: string, to = r.validTo): PostView => ({
  id: r.id, kind: r.kind, place: r.placeId, placeName, holder: { name: r.name, phone: r.phone, username: r.username }, from: r.validFrom, to,
})
const store = () => t.services.store
const cellName = (id: string) => store().areas.get(id)!.name
const villageCells = (village: string) => store().areas.list('grid').filter((c) => c.parentId === village).map((c) => c.id)

describe('the seeded posts', () => {
  it('give every cell, district, lead unit and site a holder from the campaign’s first day, and replace a few grid workers mid-year', async () => {
    const all = await list(leader)
    expect(all.on).toBe(AS_OF)
    const count = (kind: string) => all.holders.filter((h) => h.kind === kind).length
    expect(count('grid_worker')).toBe(store().areas.list('grid').length)
    expect(count('district_head')).toBe(store().areas.list('district').length)
    expect(count('lead_unit_head')).toBe(4)
    expect(count('site_head')).toBe(store().sites.list().length)
    expect((await list(leader, { on: addDays(campaignStart, -1) })).holders).toEqual([])
    expect(replaced).toHaveLength(REPLACED_CELLS)
    for (const [old, now] of replaced) {
      expect(old.validFrom).toBe(campaignStart)
      expect(old.validTo).toBe(addDays(now.validFrom, -1))
      expect(now.validTo).toBeNull()
      expect(now.username).toBe(old.username)
    }
  })

  it('name each site’s responsible person as the site does', async () => {
    const site = store().sites.list()[0]!
    const { holders } = await list(leader, { kind: 'site_head', place: site.id })
    expect(holders.map((h) => [h.placeName, h.holder.name, h.holder.phone])).toEqual([[site.name, site.responsible.name, site.responsible.phone]])
  })

  it('answer who held a post on a date, before and after a replacement, and the whole history when asked', async () => {
    for (const [old, now] of replaced) {
      const place = old.placeId
      const before = await list(leader, { kind: 'grid_worker', place, on: old.validTo! })
      expect(before).toEqual({ on: old.validTo, phonesShown: true, holders: [viewOf(old, cellName(place))] })
      const after = await list(leader, { kind: 'grid_worker', place, on: now.validFrom })
      expect(after.holders).toEqual([viewOf(now, cellName(place))])
      const history = await list(leader, { place, on: campaignStart, history: 'true' })
      expect(history.holders).toEqual([viewOf(old, cellName(place))])
      expect(history.history).toEqual([viewOf(old, cellName(place)), viewOf(now, cellName(place))])
    }
  })
})

describe('assigning a new holder', () => {
  it('closes the current record the day before and opens the new one, overwriting nothing, and audits it', async () => {
    // A cell whose worker the seed did not replace: one record so far.
    const cell = store().areas.list('grid').find((c) => !replaced.some(([r]) => r.placeId === c.id))!.id
    const [current, ...none] = store().posts.list({ kind: 'grid_worker', placeIds: [cell] })
    expect(none).toEqual([])
    const answer = await read<PostAssigned>(assign(admin, { kind: 'grid_worker', place: cell, holder: { name: '新网格员', phone: '13800001111', username: current!.username }, from: '2026-11-20' }), 201)
    expect(answer.closed).toEqual(viewOf(current!, cellName(cell), '2026-11-19'))
    expect(answer.post).toMatchObject({ kind: 'grid_worker', place: cell, placeName: cellName(cell), holder: { name: '新网格员', phone: '13800001111', username: current!.username }, from: '2026-11-20', to: null })
    const history = await list(leader, { kind: 'grid_worker', place: cell, history: 'true' })
    expect(history.history).toEqual([answer.closed, answer.post])
    expect((await list(leader, { kind: 'grid_worker', place: cell, on: '2026-11-19' })).holders).toEqual([answer.closed])
    expect((await list(leader, { kind: 'grid_worker', place: cell, on: '2026-11-20' })).holders).toEqual([answer.post])
    const { entries } = await ok(admin.api.audit.$get({ query: { action: 'post.assign' } }))
    expect(entries.map((e) => [e.username, e.target])).toEqual([['admin', `grid_worker:${cell}`]])
  })

  it('assigns a post a lead unit heads, with no phone or account', async () => {
    const answer = await read<PostAssigned>(assign(admin, { kind: 'lead_unit_head', place: 'safety', holder: { name: '安监办新主任' }, from: '2026-11-01' }), 201)
    expect(answer.post).toMatchObject({ place: 'safety', placeName: '安监办', holder: { name: '安监办新主任', phone: null, username: null }, from: '2026-11-01', to: null })
    expect(answer.closed?.to).toBe('2026-10-31')
    expect((await list(admin, { kind: 'lead_unit_head', place: 'safety' })).holders).toEqual([answer.post])
  })

  it('refuses, changing nothing: non-admins 403, a day not after the current holder’s 422, unknown places, kinds, accounts and bad dates 400 naming the field', async () => {
    const [old, now] = replaced[0]!
    const cell = old.placeId
    const before = store().posts.list({})
    const audited = store().audit.query({ action: 'post.assign', limit: 100 }).length
    const body = { kind: 'grid_worker', place: cell, holder: { name: '冒名顶替' }, from: '2026-11-25' }
    for (const who of ['leader', 'analyst', 'district-1', 'safety', `grid-${store().areas.get(cell)!.parentId}`])
      expect((await assign(await t.as(who), body)).status, who).toBe(403)
    for (const from of [now.validFrom, addDays(now.validFrom, -1)]) {
      const refused = await read<FieldErrorBody>(assign(admin, { ...body, from }), 422)
      expect(refused.error.details).toEqual([{ field: 'from', message: `not after ${now.validFrom}` }])
    }
    const fieldOf = async (sent: unknown) => (await read<FieldErrorBody>(assign(admin, sent), 400)).error.details?.map((d) => d.field)
    expect(await fieldOf({ ...body, place: 'nowhere' })).toEqual(['place'])
    // A real place, but not of this kind: a village is no grid cell, a cell no district.
    expect(await fieldOf({ ...body, place: store().areas.get(cell)!.parentId })).toEqual(['place'])
    expect(await fieldOf({ ...body, kind: 'district_head' })).toEqual(['place'])
    expect(await fieldOf({ ...body, kind: 'mayor' })).toEqual(['kind'])
    expect(await fieldOf({ ...body, from: '2026-02-30' })).toEqual(['from'])
    expect(await fieldOf({ ...body, from: '20261125' })).toEqual(['from'])
    expect(await fieldOf({ ...body, holder: { name: '某人', username: 'nobody' } })).toEqual(['holder.username'])
    expect(await fieldOf({ ...body, holder: { name: '某人', phone: 'call me' } })).toEqual(['holder.phone'])
    expect(store().posts.list({})).toEqual(before)
    expect(store().audit.query({ action: 'post.assign', limit: 100 })).toHaveLength(audited)
  })
})

describe('who reads which posts', () => {
  it('gives a district its own head, cells and sites, with phones, and refuses it another district’s place', async () => {
    const district = store().users.byUsername('district-1')!.areaId!
    const villages = store().areas.list('village').filter((v) => v.parentId === district).map((v) => v.id)
    const own = await list(await t.as('district-1'))
    expect(own.phonesShown).toBe(true)
    const places = (kind: string) => own.holders.filter((h) => h.kind === kind).map((h) => h.place).sort()
    expect(places('district_head')).toEqual([district])
    expect(places('grid_worker')).toEqual(villages.flatMap(villageCells).sort())
    expect(places('site_head')).toEqual(store().sites.list({ villageIds: villages }).map((s) => s.id).sort())
    expect(places('lead_unit_head')).toEqual([])
    expect(own.holders.every((h) => h.holder.phone !== null)).toBe(true)
    const other = store().users.byUsername('district-2')!.areaId!
    expect((await (await t.as('district-1')).get(`/api/posts?kind=district_head&place=${other}`)).status).toBe(403)
  })

  it('gives a village its own cells only, without phones', async () => {
    const [old, now] = replaced[0]!
    const village = store().areas.get(old.placeId)!.parentId!
    const grid = await t.as(`grid-${village}`)
    const own = await list(grid, { history: 'true' })
    expect(own.phonesShown).toBe(false)
    expect(own.holders.map((h) => h.place).sort()).toEqual(villageCells(village).sort())
    expect(own.holders.every((h) => h.kind === 'grid_worker' && h.holder.phone === null)).toBe(true)
    const withoutPhone = (r: PostRecord) => ({ ...viewOf(r, cellName(r.placeId)), holder: { name: r.name, phone: null, username: r.username } })
    expect(own.history!.filter((h) => h.place === old.placeId)).toEqual([withoutPhone(old), withoutPhone(now)])
    expect((await grid.get(`/api/posts?kind=district_head&place=${store().areas.get(village)!.parentId}`)).status).toBe(403)
  })

  it('gives a lead unit its own head only, without a phone', async () => {
    const own = await list(await t.as('police'))
    expect(own.phonesShown).toBe(false)
    expect(own.holders.map((h) => [h.kind, h.place, h.placeName, h.holder.phone, h.holder.username])).toEqual([['lead_unit_head', 'police', '派出所', null, 'police']])
  })

  it('gives the analyst every post without phones, and the leader and admin with them', async () => {
    const everyone = await list(leader)
    const analyst = await list(await t.as('analyst'))
    expect(analyst.phonesShown).toBe(false)
    expect(analyst.holders).toEqual(everyone.holders.map((h) => ({ ...h, holder: { ...h.holder, phone: null } })))
    const phones = new Map(store().posts.list({}).map((r) => [r.id, r.phone]))
    expect(everyone.holders.map((h) => h.holder.phone)).toEqual(everyone.holders.map((h) => phones.get(h.id)))
    expect(everyone.holders.filter((h) => h.holder.phone !== null).length).toBeGreaterThan(300)
    expect((await list(admin)).holders).toEqual(everyone.holders)
  })

  it('refuses the wall with 403, and a bad question with 400 naming it', async () => {
    const wall = await t.as('wall')
    expect((await wall.get('/api/posts')).status).toBe(403)
    expect((await wall.post('/api/posts', { kind: 'grid_worker', place: 'x', holder: { name: 'x' }, from: '2026-11-20' })).status).toBe(403)
    for (const [query, field] of [['place=nowhere', 'place'], ['on=2026-13-01', 'on'], ['kind=mayor', 'kind'], ['history=yes', 'history']] as const) {
      const refused = await read<FieldErrorBody>(leader.get(`/api/posts?${query}`), 400)
      expect(refused.error.details?.map((d) => d.field), query).toEqual([field])
    }
  })
})
