/**
 * No one closes a hazard alone (issue 11, hole 3): whoever reported a hazard or reported it
 * rectified may not verify it, and a passed verification needs the rectification's evidence — an
 * after-photo of this round, or the rectifier's note why no photo can exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkItem } from '../../../server/domain/contract/work'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { ErrorBody } from '../../../server/domain/contract/common'
import { picture } from '../../fixtures/images'
import type { Client, TestApp } from '../support/app'
import { type HazardDetail, type HazardProps, areasOf, districtAccount, gridAccount, ok, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { type ActionBody, act, actUnchecked, expectRefused, hazardFactory, reportBody } from '../support/walk'

let t: TestApp
let leader: Client
let grid: Client
let district: Client
/** the lead unit of the reports' category (safety_accident): the second person of these tests */
let safety: Client
let village: AreaProperties

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  village = (await areasOf(leader, 'village'))[3]!
  grid = await t.as(gridAccount(village.id))
  district = await t.as(await districtAccount(t, village.parentId!))
  safety = await t.as('safety')
}, 120_000)
afterAll(() => t.close())

const { hazardAt } = hazardFactory(() => ({ grid, district, location: village.label }))
const detail = (id: number, as = leader) => read<HazardDetail>(as.get(`/api/hazards/${id}`))
const reportBy = async (as: Client) => (await read<{ hazard: HazardProps }>(as.post('/api/hazards', { ...reportBody, location: village.label }), 201)).hazard
const step = async (as: Client, h: Pick<HazardProps, 'id' | 'version'>, body: ActionBody) => (await ok(act(as, h, body))).hazard

async function afterPhoto(as: Client, id: number) {
  const form = new FormData()
  form.append('photo', new File([(await picture('jpeg')) as Uint8Array<ArrayBuffer>], 'after.jpg', { type: 'image/jpeg' }))
  form.append('stage', 'rectified')
  await read(as.raw(`/api/hazards/${id}/photos`, { method: 'POST', body: form }), 201)
}

const pass: ActionBody = { action: 'verify', passed: true, note: '验收合格' }
const fail: ActionBody = { action: 'verify', passed: false, note: '仍有杂物' }
const reason = '夜间临时摊点已撤离，现场无可拍摄之物'

describe('a district officer who reported a hazard and rectified it on the spot', () => {
  it('may not verify it: 403 four_eyes saying a second person must, and nothing changes', async () => {
    let h = await reportBy(district)
    await afterPhoto(district, h.id)
    h = await step(district, h, { action: 'rectify', note: '当场清理' })
    expect(h.status).toBe('rectified')
    const body = await expectRefused(leader, h, () => act(district, h, pass), 403)
    expect(body.error.code).toBe('four_eyes')
    expect(body.error.message).toMatch(/second person/i)
    // Sending it back is verifying too.
    expect((await expectRefused(leader, h, () => act(district, h, fail), 403)).error.code).toBe('four_eyes')
  })

  it('is closed out by a second person who sees the evidence', async () => {
    let h = await reportBy(district)
    await afterPhoto(district, h.id)
    h = await step(district, h, { action: 'rectify', note: '当场清理' })
    expect((await detail(h.id, safety)).closeOut).toEqual({ own: null, photos: 1, noPhotoReason: null })
    expect(await step(safety, h, pass)).toMatchObject({ status: 'closed' })
  })

  it('is not offered verification on its card or queue, and is told why', async () => {
    let h = await reportBy(district)
    h = await step(district, h, { action: 'rectify', note: '当场清理', noPhotoReason: reason })
    expect((await detail(h.id, district)).closeOut.own).toBe('reported')
    const queue = await read<{ items: WorkItem[] }>(district.get('/api/work?limit=2000'))
    const mine = queue.items.find((i) => i.id === h.id)
    expect(mine?.nextSteps ?? []).not.toContain('verify_pass')
    expect(mine?.nextSteps ?? []).not.toContain('verify_fail')
    const theirs = (await read<{ items: WorkItem[] }>(safety.get('/api/work?limit=2000'))).items.find((i) => i.id === h.id)
    expect(theirs?.nextSteps).toEqual(expect.arrayContaining(['verify_pass', 'verify_fail']))
  })
})

describe('whoever reported a hazard rectified', () => {
  it('may not verify it even when someone else reported it (a district officer fixing a worker’s report on the spot)', async () => {
    let h = await hazardAt('reported')
    h = await step(district, h, { action: 'rectify', note: '当场整改', noPhotoReason: reason })
    expect((await detail(h.id, district)).closeOut.own).toBe('rectified')
    expect((await expectRefused(leader, h, () => act(district, h, pass), 403)).error.code).toBe('four_eyes')
    expect(await step(safety, h, pass)).toMatchObject({ status: 'closed' })
  })

  it('cannot verify as the grid worker either (a worker never verifies)', async () => {
    const h = await hazardAt('rectified')
    await expectRefused(leader, h, () => act(grid, h, pass), 403)
  })

  it('does not bar a district officer who only assessed and assigned it', async () => {
    const h = await hazardAt('rectified')
    expect(await step(district, h, pass)).toMatchObject({ status: 'closed' })
  })

  it('bars the reporter who assessed it too, however the work went (a district report rectified by the village)', async () => {
    let h = await reportBy(district)
    h = await step(district, h, { action: 'assess', level: 'general', measures: '清理' })
    h = await step(district, h, { action: 'assign', responsibleUnit: '村委会', responsiblePerson: '王立国' })
    h = await step(grid, h, { action: 'start' })
    await afterPhoto(grid, h.id)
    h = await step(grid, h, { action: 'rectify', note: '已清理' })
    expect((await expectRefused(leader, h, () => act(district, h, pass), 403)).error.code).toBe('four_eyes')
    expect(await step(safety, h, pass)).toMatchObject({ status: 'closed' })
  })
})

describe('a passed verification without evidence', () => {
  it('is refused with 422 naming the missing evidence, and nothing changes', async () => {
    let h = await hazardAt('rectifying')
    h = await step(grid, h, { action: 'rectify', note: '已整改' })
    const body = await expectRefused(leader, h, () => act(district, h, pass), 422)
    expect(body.error.code).toBe('no_evidence')
    expect(JSON.stringify(body.error)).toMatch(/after-photo/)
    expect(JSON.stringify(body.error)).toMatch(/noPhotoReason/)
  })

  it('may still be failed back to the village', async () => {
    let h = await hazardAt('rectifying')
    h = await step(grid, h, { action: 'rectify', note: '已整改' })
    expect(await step(district, h, fail)).toMatchObject({ status: 'rectifying' })
  })

  it('passes once the rectifier names why no photo can exist, and the verifier reads the reason', async () => {
    let h = await hazardAt('rectifying')
    h = await step(grid, h, { action: 'rectify', note: '已整改', noPhotoReason: reason })
    expect((await detail(h.id, district)).closeOut).toEqual({ own: null, photos: 0, noPhotoReason: reason })
    expect((await detail(h.id, district)).events.at(-1)).toMatchObject({ action: 'rectify', noPhotoReason: reason })
    expect(await step(district, h, pass)).toMatchObject({ status: 'closed' })
  })

  it('passes once an after-photo is attached, even after the rectify step', async () => {
    let h = await hazardAt('rectifying')
    h = await step(grid, h, { action: 'rectify', note: '已整改' })
    await afterPhoto(grid, h.id)
    expect(await step(district, h, pass)).toMatchObject({ status: 'closed' })
  })

  it('does not count the photo of a rectification already failed: a new round needs its own evidence', async () => {
    let h = await hazardAt('rectifying')
    await afterPhoto(grid, h.id)
    h = await step(grid, h, { action: 'rectify', note: '已整改' })
    h = await step(district, h, fail)
    h = await step(grid, h, { action: 'rectify', note: '再次整改' })
    expect((await detail(h.id, district)).closeOut.photos).toBe(0)
    expect((await expectRefused(leader, h, () => act(district, h, pass), 422)).error.code).toBe('no_evidence')
    await afterPhoto(grid, h.id)
    expect(await step(district, h, pass)).toMatchObject({ status: 'closed' })
  })
})

describe('the no-photo reason', () => {
  it('is refused with 400 naming the field when blank or too long, and nothing changes', async () => {
    const h = await hazardAt('rectifying')
    for (const noPhotoReason of ['   ', 'x'.repeat(2001), 7]) {
      const body = await expectRefused(leader, h, () => actUnchecked(grid, h, { action: 'rectify', note: '已整改', noPhotoReason }), 400)
      expect(JSON.stringify(body.error)).toContain('noPhotoReason')
    }
  })

  it('belongs to the rectify step only', async () => {
    const h = await hazardAt('rectified')
    const body = await read<ErrorBody>(actUnchecked(district, h, { ...pass, noPhotoReason: reason }), 400)
    expect(body.error.code).toBe('invalid_input')
  })
})

describe('the demo ledger', () => {
  it('lets a second person close out a seeded rectification, whose history says why it has no photo', async () => {
    const seeded = await read<{ features: Array<{ properties: HazardProps }> }>(district.get('/api/hazards?status=rectified&limit=50'))
    // The lowest id is a seeded one: the hazards these tests report come after the demo ledger.
    const h = seeded.features.map((f) => f.properties).filter((p) => !p.generalised).sort((a, b) => a.id - b.id)[0]!
    const d = await detail(h.id, district)
    expect(d.closeOut.own).toBeNull()
    expect(d.closeOut.noPhotoReason).toMatch(/示例数据/)
    expect(await step(district, h, pass)).toMatchObject({ status: 'closed' })
  })
})
