import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HazardPhoto } from '../../../server/domain/contract/photos'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { ErrorBody, FieldErrorBody } from '../../../server/domain/contract/common'
import { photoFiles } from '../../../server/services/photos'
import { hasExifSegment, jpegWithGps, picture } from '../../fixtures/images'
import type { Client, TestApp } from '../support/app'
import { type HazardDetail, type HazardProps, areasOf, districtAccount, gridAccount, listAll, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000
import { act, hazardFactory } from '../support/walk'

let t: TestApp
let leader: Client
let grid: Client
let district: Client
let village: AreaProperties
let neighbour: Client
const { hazardAt } = hazardFactory(() => ({ grid, district, location: village.label }))
/** A new hazard in the village for each test, so photo limits do not carry over. */
const fresh = async () => (await hazardAt('reported')).id

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  const villages = await areasOf(leader, 'village')
  village = villages[2]!
  grid = await t.as(gridAccount(village.id))
  district = await t.as(await districtAccount(t, village.parentId!))
  neighbour = await t.as(gridAccount(villages.find((v) => v.parentId !== village.parentId)!.id))
}, SEEDING)
afterAll(() => t.close())

function upload(as: Client, id: number, bytes: Uint8Array, name = 'photo.jpg', type = 'image/jpeg', stage?: string) {
  const form = new FormData()
  form.append('photo', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }))
  if (stage) form.append('stage', stage)
  return as.raw(`/api/hazards/${id}/photos`, { method: 'POST', body: form })
}
/** The names of the stored photos' bytes, where this run's store keeps them (VAR_DIR/photos, or PostgreSQL's photo_files). */
const stored = () => photoFiles(t.services).names()
/** A photo's stored bytes, as the server keeps them. */
const storedFile = (id: number) => photoFiles(t.services).get(t.services.store.photos.get(id)!.file)!

describe('uploading a photo', () => {
  it('answers 201 with the photo’s id and the url it is served at', async () => {
    const { photo } = await read<{ photo: HazardPhoto }>(upload(grid, await fresh(), await picture('jpeg')), 201)
    expect(photo).toEqual({ id: expect.any(Number), url: `/api/photos/${photo.id}`, stage: 'found' })
  })

  it('strips the EXIF block (GPS position included) and the ICC profile from what it stores and serves', async () => {
    const original = await jpegWithGps(120.05, 36.95)
    const before = await sharp(original).metadata()
    expect(before.exif, 'the fixture carries EXIF').toBeDefined()
    expect(before.exif!.includes(Buffer.from([0x25, 0x88])), 'with a GPSInfo tag').toBe(true)
    expect(before.icc, 'and an ICC profile').toBeDefined()
    const { photo } = await read<{ photo: HazardPhoto }>(upload(grid, await fresh(), original), 201)
    const onDisk = await sharp(storedFile(photo.id)).metadata()
    expect([onDisk.format, onDisk.exif, onDisk.xmp, onDisk.iptc, onDisk.icc]).toEqual(['jpeg', undefined, undefined, undefined, undefined])
    const served = new Uint8Array(await (await grid.get(photo.url)).arrayBuffer())
    expect(hasExifSegment(served)).toBe(false)
    expect((await sharp(served).metadata()).exif).toBeUndefined()
  })

  it('keeps the picture: same size after re-encoding', async () => {
    const { photo } = await read<{ photo: HazardPhoto }>(upload(grid, await fresh(), await picture('png', 120, 80), 'x.png', 'image/png', 'rectified'), 201)
    expect(await sharp(storedFile(photo.id)).metadata()).toMatchObject({ format: 'png', width: 120, height: 80 })
  })

  it('stores it under a name the server made, not the upload’s', async () => {
    await read(upload(grid, await fresh(), await picture('jpeg'), '../../evil name.jpg'), 201)
    expect(stored().every((f) => /^[0-9a-f]{32}\.(jpg|png|webp)$/.test(f))).toBe(true)
  })

  it('judges the type by the bytes: a PNG named .jpg is taken, and served as PNG', async () => {
    const { photo } = await read<{ photo: HazardPhoto }>(upload(district, await fresh(), await picture('png'), 'disguised.jpg', 'image/jpeg'), 201)
    const res = await district.get(photo.url)
    expect(res.headers.get('content-type')).toBe('image/png')
  })

  it('takes WebP', async () => {
    const { photo } = await read<{ photo: HazardPhoto }>(upload(grid, await fresh(), await picture('webp'), 'a.webp', 'image/webp'), 201)
    expect((await grid.get(photo.url)).headers.get('content-type')).toBe('image/webp')
  })

  const refused: Array<[string, () => Promise<Uint8Array>, string]> = [
    ['a text file named .jpg', async () => new TextEncoder().encode('just some text, not a picture'), 'notes.jpg'],
    ['a GIF', () => picture('gif'), 'anim.jpg'],
    ['a JPEG header over garbage', async () => Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Array(2000).fill(7)]), 'broken.jpg'],
    ['an SVG', async () => new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.png'],
  ]
  for (const [what, bytes, name] of refused)
    it(`refuses ${what} with 415 and stores nothing`, async () => {
      const before = stored().length
      const id = await fresh()
      const body = await read<ErrorBody>(upload(grid, id, await bytes(), name, 'image/jpeg'), 415)
      expect(body.error.code).toBe('unsupported_media_type')
      expect(stored().length).toBe(before)
      expect(t.services.store.photos.forHazard(id)).toEqual([])
    })

  it('refuses a photo over 10 MB with 413 while reading a body of unknown length', async () => {
    const big = new Uint8Array(11 * 1024 * 1024)
    big.set([0xff, 0xd8, 0xff])
    const body = await read<ErrorBody>(upload(grid, await fresh(), big), 413)
    expect(body.error.code).toBe('too_large')
  })

  it('refuses a declared Content-Length over the limit before reading it', async () => {
    const res = await grid.raw(`/api/hazards/${await fresh()}/photos`, {
      method: 'POST', body: new Uint8Array(16), headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(12 * 1024 * 1024) },
    })
    expect(res.status).toBe(413)
  })

  it('refuses a form without the photo field with 400 naming it', async () => {
    const form = new FormData()
    form.append('stage', 'found')
    const body = await read<FieldErrorBody>(grid.raw(`/api/hazards/${await fresh()}/photos`, { method: 'POST', body: form }), 400)
    expect(body.error.details?.map((d) => d.field)).toContain('photo')
  })

  it('refuses an unknown stage with 400', async () => {
    const body = await read<FieldErrorBody>(upload(grid, await fresh(), await picture('jpeg'), 'a.jpg', 'image/jpeg', 'before'), 400)
    expect(body.error.details?.map((d) => d.field)).toContain('stage')
  })

  it('refuses JSON with 415', async () => {
    expect((await grid.post(`/api/hazards/${await fresh()}/photos`, { photo: 'x' })).status).toBe(415)
  })

  for (const role of ['leader', 'analyst', 'wall'])
    it(`refuses the ${role} with 403`, async () => {
      expect((await upload(await t.as(role), await fresh(), await picture('jpeg'))).status).toBe(403)
    })

  it('answers 404 to a grid worker of another village, as for a missing hazard', async () => {
    expect((await upload(neighbour, await fresh(), await picture('jpeg'))).status).toBe(404)
    expect((await upload(grid, 99_999_999, await picture('jpeg'))).status).toBe(404)
  })

  it('refuses a closed-out hazard with 422', async () => {
    const closed = await hazardAt('closed')
    expect((await upload(grid, closed.id, await picture('jpeg'))).status).toBe(422)
  })

  it('takes at most 5 photos found with a hazard', async () => {
    const h = await hazardAt('reported')
    for (let i = 0; i < 5; i++) await read(upload(grid, h.id, await picture('jpeg')), 201)
    expect((await read<ErrorBody>(upload(grid, h.id, await picture('jpeg')), 422)).error.code).toBe('too_many_photos')
    await read(upload(grid, h.id, await picture('jpeg'), 'after.jpg', 'image/jpeg', 'rectified'), 201)
  })
})

describe('the hazard’s detail', () => {
  it('lists its photos with url and stage', async () => {
    const h = await hazardAt('rectifying')
    const a = await read<{ photo: HazardPhoto }>(upload(grid, h.id, await picture('jpeg')), 201)
    const b = await read<{ photo: HazardPhoto }>(upload(grid, h.id, await picture('png'), 'b.png', 'image/png', 'rectified'), 201)
    await read(act(grid, h, { action: 'rectify', note: '已整改，附照片' }))
    const detail = await read<HazardDetail & { photos: unknown[] }>(leader.get(`/api/hazards/${h.id}`))
    expect(detail.photos).toEqual([
      { id: a.photo.id, url: a.photo.url, stage: 'found' },
      { id: b.photo.id, url: b.photo.url, stage: 'rectified' },
    ])
  })
})

describe('serving a photo', () => {
  let url: string
  beforeAll(async () => {
    url = (await read<{ photo: HazardPhoto }>(upload(grid, await fresh(), await picture('jpeg')), 201)).photo.url
  })

  it('serves it with its type, nosniff and no caching (a photo may show a confidential place)', async () => {
    const res = await leader.get(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cache-control')).toMatch(/no-store/)
  })

  for (const who of ['leader', 'analyst', 'safety'])
    it(`serves it to the ${who}, who sees the hazard`, async () => {
      expect((await (await t.as(who)).get(url)).status).toBe(200)
    })

  it('answers 404 to the worker of another village and to the lead unit of another category', async () => {
    expect((await neighbour.get(url)).status).toBe(404)
    expect((await (await t.as('police')).get(url)).status).toBe(404)
  })

  it('refuses the wall display, which reads aggregates only, with 403', async () => {
    expect((await (await t.as('wall')).get(url)).status).toBe(403)
  })

  it('needs a session', async () => {
    expect((await t.anonymous.get(url)).status).toBe(401)
  })
})

describe('a confidential hazard’s photos', () => {
  let secret: HazardProps
  let url: string
  let police: Client
  beforeAll(async () => {
    police = await t.as('police')
    secret = (await listAll(police, 'category=violent_terror&status=assigned,rectifying')).find((f) => f.properties.villageId)!.properties
    url = (await read<{ photo: HazardPhoto }>(upload(police, secret.id, await picture('jpeg')), 201)).photo.url
  })

  it('are served to the cleared lead unit and the leader, and each read is audited', async () => {
    expect((await police.get(url)).status).toBe(200)
    expect((await leader.get(url)).status).toBe(200)
    const audit = t.services.store.audit.list(5)
    expect(audit.filter((a) => a.action === 'read_photo').map((a) => a.username)).toEqual(expect.arrayContaining(['police', 'leader']))
  })

  it('are not served to those who see the hazard generalised: the analyst, its district, its village', async () => {
    const districtOfficer = await t.as(await districtAccount(t, secret.districtId))
    for (const as of [await t.as('analyst'), districtOfficer, await t.as(gridAccount(secret.villageId))]) expect((await as.get(url)).status).toBe(404)
  })

  it('are not listed in the generalised detail', async () => {
    const detail = await read<{ photos: unknown[] }>((await t.as('analyst')).get(`/api/hazards/${secret.id}`))
    expect(detail.photos).toEqual([])
    expect((await read<{ photos: unknown[] }>(police.get(`/api/hazards/${secret.id}`))).photos).toHaveLength(1)
  })
})
