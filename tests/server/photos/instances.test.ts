/**
 * Photos' bytes where the store keeps them (issue 16): on PostgreSQL in the database, so any
 * instance serves a photo another took, and a restarted one still does; on SQLite in VAR_DIR/photos
 * beside the file, as before. The same tests run on both (vitest projects unit and postgres).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HazardPhoto } from '../../../server/domain/contract/photos'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import { photoFiles } from '../../../server/services/photos'
import { picture } from '../../fixtures/images'
import type { TestApp } from '../support/app'
import { areasOf, gridAccount, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { reportBody } from '../support/walk'
import { instanceOn, served, sha, uploadPhoto } from './support'

let a: TestApp
let b: TestApp
let village: AreaProperties
const gridOf = (t: TestApp) => t.as(gridAccount(village.id))

beforeAll(async () => {
  a = await openSeededApp()
  b = await instanceOn(a)
  village = (await areasOf(await a.as('leader'), 'village'))[4]!
}, 240_000)
afterAll(() => {
  b.close()
  a.close()
})

/** A new hazard reported through `t`, so photo limits do not carry over between tests. */
async function reported(t: TestApp): Promise<number> {
  const res = await (await gridOf(t)).post('/api/hazards', { ...reportBody, location: village.label })
  return (await read<{ hazard: { id: number } }>(res, 201)).hazard.id
}

describe('a photo on one store, several instances', () => {
  it('uploaded through one instance is served, byte for byte, by another', async () => {
    const id = await reported(a)
    const { photo } = await read<{ photo: HazardPhoto }>(uploadPhoto(await gridOf(a), id, await picture('jpeg', 90, 60)), 201)
    const stored = photoFiles(a.services).get(a.services.store.photos.get(photo.id)!.file)!
    expect(sha(await served(await gridOf(b), photo))).toBe(sha(stored))
    expect(sha(await served(await gridOf(a), photo))).toBe(sha(stored))
  })

  it('sent again under its client id through the other instance stays one photo, with one copy of its bytes', async () => {
    const id = await reported(a)
    const clientId = randomUUID()
    const bytes = await picture('jpeg', 64, 64)
    const first = await read<{ photo: HazardPhoto }>(uploadPhoto(await gridOf(a), id, bytes, clientId), 201)
    const names = photoFiles(a.services).names().length
    const again = await read<{ photo: HazardPhoto }>(uploadPhoto(await gridOf(b), id, bytes, clientId), 200)
    expect(again).toEqual(first)
    expect(b.services.store.photos.forHazard(id)).toHaveLength(1)
    expect(photoFiles(b.services).names()).toHaveLength(names)
  })

  it('is still served after the instance that took it is gone and another starts', async () => {
    const uploader = await instanceOn(a)
    const id = await reported(uploader)
    const { photo } = await read<{ photo: HazardPhoto }>(uploadPhoto(await gridOf(uploader), id, await picture('png', 40, 30)), 201)
    const before = await served(await gridOf(uploader), photo)
    const inspectionPhoto = uploader.services.store.inspections.allPhotos()[0]!
    const leader = await uploader.as('leader')
    const demoBefore = await served(leader, { url: `/api/inspection-photos/${inspectionPhoto.id}` })
    uploader.close()
    const restarted = await instanceOn(a)
    try {
      expect(sha(await served(await gridOf(restarted), photo))).toBe(sha(before))
      expect(sha(await served(await restarted.as('leader'), { url: `/api/inspection-photos/${inspectionPhoto.id}` }))).toBe(sha(demoBefore))
    } finally {
      restarted.close()
    }
  }, 120_000)
})

describe('a failed upload', () => {
  it('whose row cannot be written leaves neither a row nor bytes, on any instance', async () => {
    const id = await reported(a)
    const names = new Set(photoFiles(b.services).names())
    const photos = a.services.store.photos
    const insert = photos.insert
    photos.insert = () => {
      throw new Error('the row could not be written')
    }
    try {
      const res = await uploadPhoto(await gridOf(a), id, await picture('jpeg', 50, 50))
      expect(res.status).toBe(500)
    } finally {
      photos.insert = insert
    }
    expect(b.services.store.photos.forHazard(id)).toEqual([])
    expect(new Set(photoFiles(b.services).names())).toEqual(names)
    // and the next upload goes through whole
    const { photo } = await read<{ photo: HazardPhoto }>(uploadPhoto(await gridOf(a), id, await picture('jpeg', 50, 50)), 201)
    expect(photoFiles(b.services).names()).toHaveLength(names.size + 1)
    expect(await served(await gridOf(b), photo)).toHaveProperty('length', b.services.store.photos.get(photo.id)!.bytes)
  })

  it('never reaches a path or a key with a name the server did not make', () => {
    const files = photoFiles(a.services)
    expect(() => files.put('../escape.jpg', new Uint8Array([1]))).toThrow(/not a photo name/)
    expect(files.get('../../etc/passwd')).toBeUndefined()
    expect(files.has('../escape.jpg')).toBe(false)
  })
})
