import { afterEach, describe, expect, it } from 'vitest'
import type { PhotoRecord } from '../../../../server/store/types'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { makeHazard, withLedger } from './records-ledger'

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

const photo = (over: Partial<PhotoRecord> = {}): Omit<PhotoRecord, 'id'> => ({
  hazardId: 1, stage: 'found', mime: 'image/jpeg', bytes: 51_200, width: 1600, height: 1200, file: 'a1.jpg',
  createdBy: 'grid-1', createdAt: '2026-11-28T01:30:00.000Z', clientId: null, takenAt: null, ...over,
})

describe('the store (each adapter): photos', () => {
  it('gives a stored photo back as written, with its id, and lists a hazard’s photos oldest first', async () => {
    open = await openBareStore()
    const { photos } = open.store
    withLedger(open.store, [makeHazard(1), makeHazard(2)])
    const first = photos.insert(photo({ clientId: 'c-1', takenAt: '2026-11-28T09:20:00+08:00' }))
    expect(first).toEqual({ ...photo({ clientId: 'c-1', takenAt: '2026-11-28T09:20:00+08:00' }), id: first.id })
    const other = photos.insert(photo({ hazardId: 2, file: 'b1.png', mime: 'image/png' }))
    const second = photos.insert(photo({ stage: 'rectified', file: 'a2.webp', mime: 'image/webp' }))
    expect(photos.get(first.id)).toEqual(first)
    expect(photos.get(other.id)?.hazardId).toBe(2)
    expect(photos.get(9999)).toBeUndefined()
    expect(photos.forHazard(1)).toEqual([first, second])
    expect(photos.forHazard(3)).toEqual([])
  })

  it('finds an account’s photo by its client id, and refuses the same client id twice from one account', async () => {
    open = await openBareStore()
    const { photos } = open.store
    withLedger(open.store, [makeHazard(1), makeHazard(2)])
    const mine = photos.insert(photo({ clientId: 'c-1' }))
    expect(photos.byClient('grid-1', 'c-1')).toEqual(mine)
    expect(photos.byClient('grid-2', 'c-1')).toBeUndefined()
    expect(() => photos.insert(photo({ hazardId: 2, file: 'a2.jpg', clientId: 'c-1' }))).toThrow()
    expect(photos.forHazard(2)).toEqual([])
    // another account may use the same id, and photos without one never collide
    const theirs = photos.insert(photo({ file: 'a3.jpg', createdBy: 'grid-2', clientId: 'c-1' }))
    expect(photos.byClient('grid-2', 'c-1')).toEqual(theirs)
    photos.insert(photo({ file: 'a4.jpg' }))
    photos.insert(photo({ file: 'a5.jpg' }))
    expect(photos.forHazard(1).map((p) => p.file)).toEqual(['a1.jpg', 'a3.jpg', 'a4.jpg', 'a5.jpg'])
  })

  it('refuses a photo of a hazard that does not exist', async () => {
    open = await openBareStore()
    withLedger(open.store, [makeHazard(1)])
    expect(() => open!.store.photos.insert(photo({ hazardId: 42 }))).toThrow()
    expect(open.store.photos.forHazard(42)).toEqual([])
  })
})

describe('the store (each adapter): notifications', () => {
  const notice = (username: string, message: string, createdAt = '2026-11-28T02:00:00.000Z') => ({ username, hazardId: null, message, createdAt })

  it('gives a notification back as written, unread, with no warning unless it names one', async () => {
    open = await openBareStore()
    const { notifications } = open.store
    withLedger(open.store, [makeHazard(1)])
    const plain = notifications.insert(notice('leader', '隐患已上报'))
    expect(plain).toEqual({ ...notice('leader', '隐患已上报'), id: plain.id, warningId: null, readAt: null })
    const ofHazard = notifications.insert({ ...notice('leader', '隐患已升级'), hazardId: 1, warningId: null })
    expect(ofHazard).toMatchObject({ hazardId: 1, warningId: null, readAt: null })
  })

  it('lists a user’s own notifications newest first, up to the limit, and the unread ones alone', async () => {
    open = await openBareStore()
    const { notifications } = open.store
    const [a, b, c] = ['一', '二', '三'].map((m) => notifications.insert(notice('leader', m)))
    notifications.insert(notice('safety-head', '别人的'))
    expect(notifications.list('leader', { limit: 10 }).map((n) => n.message)).toEqual(['三', '二', '一'])
    expect(notifications.list('leader', { limit: 2 }).map((n) => n.id)).toEqual([c!.id, b!.id])
    notifications.markRead(b!.id, 'leader', '2026-11-28T03:00:00.000Z')
    expect(notifications.list('leader', { unreadOnly: true, limit: 10 }).map((n) => n.id)).toEqual([c!.id, a!.id])
    expect(notifications.unreadCount('leader')).toBe(2)
    expect(notifications.unreadCount('safety-head')).toBe(1)
    expect(notifications.unreadCount('nobody')).toBe(0)
  })

  it('marks only the user’s own notification read, and keeps the first time it was read', async () => {
    open = await openBareStore()
    const { notifications } = open.store
    const n = notifications.insert(notice('leader', '隐患已上报'))
    expect(notifications.markRead(n.id, 'safety-head', '2026-11-28T03:00:00.000Z')).toBeUndefined()
    expect(notifications.markRead(9999, 'leader', '2026-11-28T03:00:00.000Z')).toBeUndefined()
    expect(notifications.markRead(n.id, 'leader', '2026-11-28T03:00:00.000Z')).toEqual({ ...n, readAt: '2026-11-28T03:00:00.000Z' })
    expect(notifications.markRead(n.id, 'leader', '2026-11-28T04:00:00.000Z')?.readAt).toBe('2026-11-28T03:00:00.000Z')
  })

  it('marks all of a user’s unread notifications read at once, and says how many', async () => {
    open = await openBareStore()
    const { notifications } = open.store
    const [first] = ['一', '二', '三'].map((m) => notifications.insert(notice('leader', m)))
    notifications.insert(notice('safety-head', '别人的'))
    notifications.markRead(first!.id, 'leader', '2026-11-28T03:00:00.000Z')
    expect(notifications.markAllRead('leader', '2026-11-28T05:00:00.000Z')).toBe(2)
    expect(notifications.markAllRead('leader', '2026-11-28T06:00:00.000Z')).toBe(0)
    expect(notifications.list('leader', { limit: 10 }).map((n) => n.readAt)).toEqual(['2026-11-28T05:00:00.000Z', '2026-11-28T05:00:00.000Z', '2026-11-28T03:00:00.000Z'])
    expect(notifications.unreadCount('safety-head')).toBe(1)
  })
})
