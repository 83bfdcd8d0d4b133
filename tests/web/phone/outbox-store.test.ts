import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useOutboxStore } from '../../../web/phone/outbox/useOutbox'
import { FakeServer, makeHazard, makeReport } from './fake-server'

const NOW = Date.parse('2026-06-15T02:00:00Z')
let dbCount = 0
let dbName = ''
const stores: Array<ReturnType<typeof useOutboxStore>> = []

/** A phone tab: its own Pinia, the phone's one IndexedDB, the given server. */
async function tab(server: FakeServer, options: { storage?: StorageManager; user?: string } = {}) {
  setActivePinia(createPinia())
  const outbox = useOutboxStore()
  stores.push(outbox)
  await outbox.start(options.user ?? 'grid1', { dbName, fetch: server.fetch, locks: null, now: () => NOW, random: () => 0.5, storage: options.storage })
  return outbox
}

const photo = () => ({ blob: new Blob(['jpeg'], { type: 'image/jpeg' }) })

beforeEach(() => (dbName = `store-${++dbCount}`))
afterEach(() => stores.splice(0).forEach((s) => s.stop()))

describe('the outbox store', () => {
  it('counts a queued report in the header until the server has it, and lists it as an unsent hazard meanwhile', async () => {
    const server = new FakeServer()
    // No signal: the send right after queueing and the button's both go unanswered.
    server.next.push({ pattern: 'POST /api/hazards', reply: 'no answer' }, { pattern: 'POST /api/hazards', reply: 'no answer' })
    const outbox = await tab(server)
    await outbox.queueReport(makeReport({ title: '桥栏松动', location: [120.3, 30.4] }), [photo()])
    await outbox.sendNow()
    expect(outbox.unsentCount).toBe(1)
    expect(outbox.unsentReports).toEqual([expect.objectContaining({ title: '桥栏松动', location: [120.3, 30.4], state: 'queued', photos: 1 })])
    expect(outbox.nextTryAt).toBeGreaterThan(NOW)
    await outbox.sendNow()
    expect(outbox.items.map((i) => i.state)).toEqual(['sent'])
    expect(outbox.unsentCount).toBe(0)
    expect(outbox.unsentReports).toEqual([])
  })

  it('stamps the queue time as the report’s reportedAt and keeps its foundAt', async () => {
    const server = new FakeServer()
    const outbox = await tab(server)
    await outbox.queueReport(makeReport({ foundAt: '2026-06-13T10:00:00+08:00' }))
    await outbox.sendNow()
    const sent = outbox.items[0]!
    expect(sent.kind === 'report' && sent.body).toMatchObject({ foundAt: '2026-06-13T10:00:00+08:00', reportedAt: new Date(NOW).toISOString() })
  })

  it('finds the queue as it was after a reload, and sends what a closed tab left', async () => {
    const server = new FakeServer()
    server.next.push({ pattern: 'POST /api/hazards', reply: 'no answer' }, { pattern: 'POST /api/hazards', reply: 'no answer' })
    const first = await tab(server)
    await first.queueReport(makeReport())
    await first.sendNow()
    expect(first.items.map((i) => i.state)).toEqual(['queued'])
    first.stop()
    const reloaded = await tab(server)
    await reloaded.idle()
    expect(reloaded.items.map((i) => i.state)).toEqual(['sent'])
    expect(server.hazards.size).toBe(1)
  })

  it('keeps the report form’s draft per account across a reload, until cleared', async () => {
    const server = new FakeServer()
    const outbox = await tab(server)
    await outbox.saveDraft({ title: '半写的', photos: [new Blob(['x'])] })
    outbox.stop()
    const reloaded = await tab(server)
    expect((await reloaded.draft<{ title: string; photos: Blob[] }>())?.value.title).toBe('半写的')
    reloaded.stop()
    const other = await tab(server, { user: 'grid2' })
    expect(await other.draft()).toBeUndefined()
    other.stop()
    const back = await tab(server)
    await back.clearDraft()
    expect(await back.draft()).toBeUndefined()
  })

  it('answers a draft asked for before the account is known, once the outbox starts', async () => {
    const server = new FakeServer()
    const first = await tab(server)
    await first.saveDraft({ title: '恢复的' })
    first.stop()
    setActivePinia(createPinia())
    const restored = useOutboxStore()
    stores.push(restored)
    const asked = restored.draft<{ title: string }>()
    await restored.start('grid1', { dbName, fetch: server.fetch, locks: null })
    expect((await asked)?.value.title).toBe('恢复的')
  })

  it('raises "needs login" on a 401 and sends the rest after resume', async () => {
    const server = new FakeServer()
    server.next.push({ pattern: 'POST /api/hazards', reply: { status: 401 } })
    const outbox = await tab(server)
    await outbox.queueReport(makeReport())
    await outbox.sendNow()
    expect(outbox.needsLogin).toBe(true)
    expect(outbox.unsentCount).toBe(1)
    await outbox.resume()
    expect(outbox.needsLogin).toBe(false)
    expect(outbox.items.map((i) => i.state)).toEqual(['sent'])
  })

  it('redoes a stale rectification on the server’s version under a new key, after the worker saw both', async () => {
    const server = new FakeServer()
    server.hazards.set(7, makeHazard({ id: 7, version: 4 }))
    const outbox = await tab(server)
    const item = await outbox.queueAction(makeHazard({ id: 7, version: 3 }), { action: 'rectify', version: 3, note: '已加装护栏' }, [photo()])
    await outbox.sendNow()
    expect(outbox.items[0]).toMatchObject({ state: 'attention', problem: { conflict: { mine: { version: 3 }, theirs: { version: 4 } } } })
    expect(server.photos).toEqual([])
    expect(await outbox.redo(item.clientId)).toBe(true)
    await outbox.sendNow()
    const redone = outbox.items[0]!
    expect(redone.state).toBe('sent')
    expect(redone.clientId).not.toBe(item.clientId)
    expect(redone.kind === 'action' && redone.body.version).toBe(4)
    expect(server.photos).toEqual([expect.objectContaining({ hazardId: 7, stage: 'rectified' })])
  })

  it('retries a refused item as it is, and discards one the worker gives up', async () => {
    const server = new FakeServer()
    server.next.push({ pattern: 'POST /api/hazards', reply: { status: 422, body: { error: { code: 'unprocessable', message: 'Outside your area.' } } } })
    server.next.push({ pattern: 'POST /api/hazards', reply: { status: 422, body: { error: { code: 'unprocessable', message: 'Outside your area.' } } } })
    const outbox = await tab(server)
    const kept = await outbox.queueReport(makeReport({ title: '一' }))
    const dropped = await outbox.queueReport(makeReport({ title: '二' }))
    await outbox.sendNow()
    expect(outbox.items.map((i) => i.problem?.message)).toEqual(['Outside your area.', 'Outside your area.'])
    expect(await outbox.discard(dropped.clientId)).toBe(true)
    expect(await outbox.retry(kept.clientId)).toBe(true)
    await outbox.sendNow()
    expect(outbox.items.map((i) => [i.clientId, i.state])).toEqual([[kept.clientId, 'sent']])
    expect([...server.hazards.values()].map((h) => h.title)).toEqual(['一'])
  })

  it('asks for persistent storage once per phone and says whether it was granted', async () => {
    const server = new FakeServer()
    let asked = 0
    const storage = { persisted: async () => false, persist: async () => (asked++, true) } as unknown as StorageManager
    // Asked after the outbox has opened (the form does not wait for the browser's decision).
    const first = await tab(server, { storage })
    await expect.poll(() => first.persisted).toBe(true)
    first.stop()
    const again = await tab(server, { storage })
    await expect.poll(() => asked).toBe(1)
    await new Promise((done) => setTimeout(done, 20))
    expect(again.persisted).toBe(false)
    expect(asked).toBe(1)
  })

  it('keeps the worker’s last work queue for offline use', async () => {
    const server = new FakeServer()
    const outbox = await tab(server)
    const queue = { items: [], total: 0, overdue: 0, counts: {}, today: '2026-06-15', deadlineDays: {}, notifications: [], unread: 0 }
    await outbox.cacheWork(queue as never)
    expect(await outbox.cachedWork()).toEqual(queue)
  })
})
