import type { Server } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import type { ErrorBody, FieldErrorBody } from '../../../server/domain/contract/common'
import type { HazardDetail } from '../../../server/domain/contract/hazards'
import type { HazardPhoto } from '../../../server/domain/contract/photos'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import { listen } from '../../../server/listen'
import { photoFiles } from '../../../server/services/photos'
import { picture } from '../../fixtures/images'
import { type Client, PASSWORD, type TestApp } from '../support/app'
import { cookieOf, jsonPost } from '../support/http'
import { areasOf, districtAccount, gridAccount, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { hazardFactory } from '../support/walk'
import { newKey } from './support'

/**
 * Photo resume (issue 15): each photo goes up on its own with the id the phone made for it. A resend
 * is recognised and stores nothing more; an upload cut off midway leaves neither a row nor a file.
 */

let t: TestApp
let grid: Client
let district: Client
let village: AreaProperties
const { hazardAt } = hazardFactory(() => ({ grid, district, location: village.label }))
let jpeg: Uint8Array

beforeAll(async () => {
  t = await openSeededApp()
  village = (await areasOf(await t.as('leader'), 'village'))[6]!
  grid = await t.as(gridAccount(village.id))
  district = await t.as(await districtAccount(t, village.parentId!))
  jpeg = await picture('jpeg', 320, 240)
}, 120_000)
afterAll(() => t.close())

function upload(id: number, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const form = new FormData()
  form.append('photo', new File([jpeg as Uint8Array<ArrayBuffer>], 'p.jpg', { type: 'image/jpeg' }))
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return grid.raw(`/api/hazards/${id}/photos`, { method: 'POST', body: form, headers })
}
/** How many photos' bytes are stored, where this run's store keeps them. */
const files = () => photoFiles(t.services).names().length
const rows = (id: number) => t.services.store.photos.forHazard(id).length

describe('a photo sent again under its clientId', () => {
  it('is stored once: the resend answers 200 with the photo already stored, and no second row or file', async () => {
    const h = await hazardAt('reported')
    const clientId = newKey()
    const first = await read<{ photo: HazardPhoto }>(upload(h.id, { clientId }), 201)
    const filesAfterFirst = files()
    const again = await read<{ photo: HazardPhoto }>(upload(h.id, { clientId }), 200)
    expect(again).toEqual(first)
    expect(rows(h.id)).toBe(1)
    expect(files()).toBe(filesAfterFirst)
  })

  it('is stored once when two tabs send it at the same moment', async () => {
    const h = await hazardAt('reported')
    const clientId = newKey()
    const filesBefore = files()
    const answers = await Promise.all([upload(h.id, { clientId }), upload(h.id, { clientId })])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201])
    const [a, b] = await Promise.all(answers.map((r) => r.json() as Promise<{ photo: HazardPhoto }>))
    expect(a).toEqual(b)
    expect(rows(h.id)).toBe(1)
    expect(files()).toBe(filesBefore + 1)
  })

  it('is recognised by the Idempotency-Key header too (api.md’s name for it)', async () => {
    const h = await hazardAt('reported')
    const key = newKey()
    const first = await read<{ photo: HazardPhoto }>(upload(h.id, {}, { 'Idempotency-Key': key }), 201)
    expect(await read<{ photo: HazardPhoto }>(upload(h.id, { clientId: key }), 200)).toEqual(first)
    const differing = await read<FieldErrorBody>(upload(h.id, { clientId: newKey() }, { 'Idempotency-Key': key }), 400)
    expect(differing.error.details?.map((d) => d.field)).toEqual(['clientId'])
    expect(rows(h.id)).toBe(1)
  })

  it('is refused on another hazard (409) and stores nothing there', async () => {
    const [a, b] = [await hazardAt('reported'), await hazardAt('reported')]
    const clientId = newKey()
    await read(upload(a.id, { clientId }), 201)
    expect((await read<ErrorBody>(upload(b.id, { clientId }), 409)).error.code).toBe('idempotency_conflict')
    expect(rows(b.id)).toBe(0)
  })

  it('is still answered once the hazard was closed out since (the first upload counted)', async () => {
    const h = await hazardAt('rectified')
    const clientId = newKey()
    const first = await read<{ photo: HazardPhoto }>(upload(h.id, { clientId, stage: 'rectified' }), 201)
    await read(district.api.hazards[':id'].actions.$post({ param: { id: String(h.id) }, json: { action: 'verify', version: h.version, passed: true, note: '验收合格' } }))
    expect(await read<{ photo: HazardPhoto }>(upload(h.id, { clientId, stage: 'rectified' }), 200)).toEqual(first)
  })

  it('refuses a clientId that is not a UUID (400 naming clientId)', async () => {
    const h = await hazardAt('reported')
    const refused = await read<FieldErrorBody>(upload(h.id, { clientId: 'photo-1' }), 400)
    expect(refused.error.details?.map((d) => d.field)).toEqual(['clientId'])
    expect(rows(h.id)).toBe(0)
  })
})

describe('a photo’s capture time', () => {
  it('is kept with the photo and shown in the hazard detail, in China time', async () => {
    const h = await hazardAt('reported')
    const { photo } = await read<{ photo: HazardPhoto }>(upload(h.id, { clientId: newKey(), takenAt: '2026-11-27T02:03:04Z' }), 201)
    expect(photo.takenAt).toBe('2026-11-27T10:03:04+08:00')
    const detail = await read<HazardDetail>(grid.get(`/api/hazards/${h.id}`))
    expect(detail.photos).toEqual([{ id: photo.id, url: photo.url, stage: 'found', takenAt: '2026-11-27T10:03:04+08:00' }])
  })

  it('in the future is refused (422 naming takenAt) and nothing is stored; not an instant, 400', async () => {
    const h = await hazardAt('reported')
    const future = new Date(Date.now() + 3_600_000).toISOString()
    const refused = await read<FieldErrorBody>(upload(h.id, { takenAt: future }), 422)
    expect(refused.error.details?.map((d) => d.field)).toEqual(['takenAt'])
    const malformed = await read<FieldErrorBody>(upload(h.id, { takenAt: '昨天下午' }), 400)
    expect(malformed.error.details?.map((d) => d.field)).toEqual(['takenAt'])
    expect(rows(h.id)).toBe(0)
  })
})

describe('an upload cut off midway', () => {
  let server: Server
  let port: number
  beforeAll(async () => {
    server = await listen(createApp(t.services), { ...t.services.env, PORT: 0, HOST: '127.0.0.1' })
    port = (server.address() as AddressInfo).port
  })
  afterAll(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  )

  const openConnections = () => new Promise<number>((done, fail) => server.getConnections((err, n) => (err ? fail(err) : done(n))))

  it('leaves no photo row and no file; the same clientId then uploads whole', async () => {
    const h = await hazardAt('reported')
    const cookie = cookieOf(await jsonPost(port, '/api/auth/login', { username: gridAccount(village.id), password: PASSWORD }, { headers: { connection: 'close' } }))
    await expect.poll(openConnections).toBe(0)
    const clientId = newKey()
    const boundary = 'phone-outbox-boundary'
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\n${clientId}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      Buffer.from(jpeg), Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const filesBefore = files()
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((done) => socket.once('connect', () => done()))
    const head = [
      `POST /api/hazards/${h.id}/photos HTTP/1.1`, `Host: 127.0.0.1:${port}`, `Cookie: ${cookie}`,
      `Content-Type: multipart/form-data; boundary=${boundary}`, `Content-Length: ${body.length}`, '', '',
    ].join('\r\n')
    // The signal drops halfway through the photo's bytes.
    await new Promise<void>((done) => socket.write(Buffer.concat([Buffer.from(head), body.subarray(0, Math.floor(body.length / 2))]), () => done()))
    socket.destroy()
    // The server has seen the connection end once it no longer counts it.
    await expect.poll(openConnections).toBe(0)
    expect(rows(h.id)).toBe(0)
    expect(files()).toBe(filesBefore)
    // The outbox sends it again, whole, under the same id: the first photo, stored once.
    await read(upload(h.id, { clientId }), 201)
    expect(rows(h.id)).toBe(1)
    expect(files()).toBe(filesBefore + 1)
  })
})
