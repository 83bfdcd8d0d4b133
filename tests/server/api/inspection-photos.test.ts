/**
 * Photos of inspections (a site where nothing was found, say): the same checks, limits and
 * stripping of metadata as hazards' photos; only the recorder or their unit adds them, within a day
 * of recording; they are served to those who reach the inspection and read it in full.
 */
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorBody } from '../../../server/domain/contract/common'
import type { InspectionPhoto, InspectionView } from '../../../server/domain/contract/inspections'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import { photoFiles } from '../../../server/services/photos'
import { hasExifSegment, jpegWithGps, picture } from '../../fixtures/images'
import type { Client, TestApp } from '../support/app'
import { areasOf, districtAccount, gridAccount, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000

let t: TestApp
let grid: Client
let district: Client
let neighbour: Client
let village: AreaProperties

beforeAll(async () => {
  t = await openSeededApp()
  const leader = await t.as('leader')
  const villages = await areasOf(leader, 'village')
  village = villages[2]!
  grid = await t.as(gridAccount(village.id))
  district = await t.as(await districtAccount(t, village.parentId!))
  neighbour = await t.as(gridAccount(villages.find((v) => v.parentId !== village.parentId)!.id))
}, SEEDING)
afterAll(() => t.close())

/** A fresh nothing-found check of the village, recorded by its grid worker (or by `as`). */
async function record(as: Client = grid, extra: Record<string, unknown> = {}): Promise<InspectionView> {
  const body = { source: 'routine', areaId: village.id, date: '2026-11-28', inspectors: '网格员', checked: '消防通道', hazardsFound: 0, ...extra }
  return (await read<{ inspection: InspectionView }>(as.post('/api/inspections', body), 201)).inspection
}

function upload(as: Client, id: number, bytes: Uint8Array, name = 'photo.jpg', type = 'image/jpeg') {
  const form = new FormData()
  form.append('photo', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }))
  return as.raw(`/api/inspections/${id}/photos`, { method: 'POST', body: form })
}
/** How many photos' bytes are stored, where this run's store keeps them. */
const stored = () => photoFiles(t.services).names().length
const rows = (id: number) => t.services.store.inspections.photosOf([id]).get(id) ?? []

describe('adding a photo to an inspection', () => {
  it('answers 201 with where it is served, and the inspection lists it', async () => {
    const i = await record()
    const { photo } = await read<{ photo: InspectionPhoto }>(upload(grid, i.id, await picture('jpeg')), 201)
    expect(photo).toEqual({ id: expect.any(Number), url: `/api/inspection-photos/${photo.id}` })
    const listed = (await read<{ inspections: InspectionView[] }>(grid.get('/api/inspections?limit=5'))).inspections.find((x) => x.id === i.id)!
    expect(listed.photos).toEqual([photo])
  })

  it('strips the EXIF block (GPS position included) from what it stores and serves', async () => {
    const original = await jpegWithGps(120.05, 36.95)
    expect(hasExifSegment(original)).toBe(true)
    const { photo } = await read<{ photo: InspectionPhoto }>(upload(grid, (await record()).id, original), 201)
    const kept = photoFiles(t.services).get(t.services.store.inspections.photo(photo.id)!.file)!
    const onDisk = await sharp(kept).metadata()
    expect([onDisk.format, onDisk.exif, onDisk.xmp, onDisk.iptc, onDisk.icc]).toEqual(['jpeg', undefined, undefined, undefined, undefined])
    const res = await grid.get(photo.url)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(hasExifSegment(new Uint8Array(await res.arrayBuffer()))).toBe(false)
  })

  it('lets another account of the recorder’s unit add one (a district officer of the same district)', async () => {
    const officer = await districtAccount(t, village.parentId!)
    const i = await record(district)
    expect(t.services.store.inspections.get(i.id)!.createdBy).toBe(officer)
    await read(upload(district, i.id, await picture('png'), 'a.png', 'image/png'), 201)
  })
})

describe('refusals change nothing', () => {
  const refused = async (as: Client, id: number, status: number, code: string, bytes?: Uint8Array) => {
    const files = stored()
    const before = rows(id).length
    const body = await read<ErrorBody>(upload(as, id, bytes ?? (await picture('jpeg'))), status)
    expect(body.error.code).toBe(code)
    expect(stored()).toBe(files)
    expect(rows(id)).toHaveLength(before)
  }

  it('not an image (by its bytes): 415', async () => {
    await refused(grid, (await record()).id, 415, 'unsupported_media_type', new TextEncoder().encode('just text, named .jpg'))
  })

  it('over 10 MB: 413', async () => {
    const big = new Uint8Array(11 * 1024 * 1024)
    big.set([0xff, 0xd8, 0xff])
    await refused(grid, (await record()).id, 413, 'too_large', big)
  })

  it('a sixth photo: 422', async () => {
    const i = await record()
    for (let n = 0; n < 5; n++) await read(upload(grid, i.id, await picture('jpeg')), 201)
    await refused(grid, i.id, 422, 'too_many_photos')
  })

  it('someone who reaches the inspection but did not record it, nor their unit: 403 (the district over the village, a lead unit)', async () => {
    const i = await record()
    await refused(district, i.id, 403, 'forbidden')
    await refused(await t.as('leader'), i.id, 403, 'forbidden')
  })

  it('someone who does not reach it: 404, as for no inspection at all', async () => {
    const i = await record()
    await refused(neighbour, i.id, 404, 'not_found')
    await refused(grid, 999_999, 404, 'not_found')
  })

  it('more than a day after it was recorded, or a record older than the field: 422', async () => {
    const old = t.services.store.inspections.insert({
      source: 'routine', areaId: village.id, date: '2026-11-20', inspectors: '网格员', checked: '', findings: null, hazardsFound: 0,
      category: null, createdBy: gridAccount(village.id), createdAt: new Date(Date.now() - 25 * 3600 * 1000).toISOString(),
    })
    await refused(grid, old.id, 422, 'not_allowed_now')
    const seeded = t.services.store.inspections.list({ villageIds: [village.id], source: ['routine'], to: '2026-11-01', limit: 1 })[0]!
    expect(seeded.createdAt).toBeNull()
    await refused(grid, seeded.id, 422, 'not_allowed_now')
  })
})

describe('the demo’s photos', () => {
  it('some recent key-site checks that found nothing carry a photo, served as any other', async () => {
    const [first] = t.services.store.inspections.allPhotos()
    const check = t.services.store.inspections.get(first!.inspectionId)!
    expect(check).toMatchObject({ hazardsFound: 0, source: 'focused', siteId: expect.any(String), location: expect.any(Array) })
    const res = await (await t.as('leader')).get(`/api/inspection-photos/${first!.id}`)
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/jpeg'])
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(64)
  })
})

describe('who may see an inspection’s photo', () => {
  it('those who reach the inspection in full; others 404, as if there were none', async () => {
    const i = await record()
    const { photo } = await read<{ photo: InspectionPhoto }>(upload(grid, i.id, await picture('jpeg')), 201)
    for (const user of ['leader', 'analyst', 'admin'] as const) expect((await (await t.as(user)).get(photo.url)).status, user).toBe(200)
    expect((await district.get(photo.url)).status).toBe(200)
    expect((await neighbour.get(photo.url)).status).toBe(404)
    expect((await (await t.as('wall')).get(photo.url)).status).toBe(403)
    expect((await t.anonymous.get(photo.url)).status).toBe(401)
    expect((await grid.get('/api/inspection-photos/999999')).status).toBe(404)
  })

  it('a confidential check’s photo: only the cleared, and each read audited', async () => {
    const governance = await t.as('governance')
    const i = await record(governance, { source: 'focused', category: 'individual_extreme', inspectors: '综治办' })
    const { photo } = await read<{ photo: InspectionPhoto }>(upload(governance, i.id, await picture('jpeg')), 201)
    // The village's grid worker reaches the check, generalised: no photo listed, none served.
    const listed = (await read<{ inspections: InspectionView[] }>(grid.get('/api/inspections?limit=20'))).inspections.find((x) => x.id === i.id)!
    expect(listed).toMatchObject({ generalised: true, photos: [] })
    expect((await grid.get(photo.url)).status).toBe(404)
    expect((await (await t.as('police')).get(photo.url)).status).toBe(404)
    const before = t.services.store.audit.count('leader', 'read_inspection_photo', '2000-01-01T00:00:00Z')
    expect((await (await t.as('leader')).get(photo.url)).status).toBe(200)
    expect(t.services.store.audit.count('leader', 'read_inspection_photo', '2000-01-01T00:00:00Z')).toBe(before + 1)
  })
})
