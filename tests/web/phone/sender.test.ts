import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { OutboxRepo } from '../../../web/phone/outbox/db'
import { OutboxHttp } from '../../../web/phone/outbox/http'
import { type NewPhoto, actionItem, reportItem } from '../../../web/phone/outbox/items'
import { OutboxSender, type SenderDeps } from '../../../web/phone/outbox/sender'
import { MAX_BACKOFF_MS } from '../../../web/phone/outbox/backoff'
import { FakeServer, fakeLocks, makeHazard, makeReport } from './fake-server'

const NOW = Date.parse('2026-06-15T02:00:00Z')
let dbCount = 0
const opened: OutboxRepo[] = []

async function setUp(server = new FakeServer()) {
  const repo = await OutboxRepo.open(`sender-${++dbCount}`)
  opened.push(repo)
  const timers: Array<{ run: () => void; ms: number }> = []
  let loggedOut = 0
  const clock = { now: NOW }
  const sender = (over: Partial<SenderDeps> = {}) =>
    new OutboxSender({
      repo, http: new OutboxHttp(server.fetch), username: 'grid1', now: () => clock.now, random: () => 0.5,
      setTimer: (run, ms) => timers.push({ run, ms }), clearTimer: () => undefined, loggedOut: () => loggedOut++, ...over,
    })
  const photo = (bytes = 'jpeg'): NewPhoto => ({ blob: new Blob([bytes], { type: 'image/jpeg' }), takenAt: '2026-06-15T07:59:00+08:00' })
  const queueReport = async (title = '水渠护栏缺失', photos: NewPhoto[] = []) => repo.put(reportItem('grid1', makeReport({ title }), photos, new Date(NOW)))
  const state = async (clientId: string) => (await repo.item(clientId))!
  return { server, repo, clock, sender, timers, photo, queueReport, state, loggedOut: () => loggedOut }
}

afterEach(() => opened.splice(0).forEach((r) => r.close()))

describe('the outbox sender', () => {
  it('sends a queued report with its key, then each photo with its own clientId, and only then calls it sent', async () => {
    const t = await setUp()
    const item = await t.queueReport('水渠护栏缺失', [t.photo('a'), t.photo('b')])
    await t.sender().run()
    const sent = await t.state(item.clientId)
    expect(sent.state).toBe('sent')
    expect(t.server.seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /api/hazards', 'POST /api/hazards/101/photos', 'POST /api/hazards/101/photos'])
    expect(t.server.seen[0]!.key).toBe(item.clientId)
    expect(t.server.photos.map((p) => p.clientId)).toEqual(item.photos.map((p) => p.clientId))
    expect(t.server.photos.every((p) => p.stage === 'found' && p.takenAt === '2026-06-15T07:59:00+08:00')).toBe(true)
    expect(sent.kind === 'report' && sent.code).toBe('YH-101')
    // The server has the photos: their bytes no longer take the phone's room.
    expect(sent.photos.map((p) => [p.uploadedId, p.blob.size])).toEqual([[1, 0], [2, 0]])
  })

  it('sends the items one at a time in the order they were queued', async () => {
    const t = await setUp()
    for (const title of ['一', '二', '三']) await t.queueReport(title)
    await t.sender().run()
    expect([...t.server.hazards.values()].map((h) => h.title)).toEqual(['一', '二', '三'])
  })

  it('puts an unanswered item back in the queue with a backoff, wakes on its timer and then sends it once', async () => {
    const t = await setUp()
    const item = await t.queueReport()
    await t.queueReport('后面的')
    t.server.next.push({ pattern: 'POST /api/hazards', reply: 'no answer' })
    const sender = t.sender()
    await sender.run()
    const waiting = await t.state(item.clientId)
    expect(waiting.state).toBe('queued')
    expect(waiting.attempts).toBe(1)
    expect(waiting.nextAttemptAt).toBeGreaterThan(NOW)
    // The network is down: the next item is not tried until the timer.
    expect(t.server.count('POST', '/api/hazards')).toBe(1)
    expect(t.timers).toHaveLength(1)
    expect(sender.wakeAt).toBe(waiting.nextAttemptAt)
    await sender.run() // e.g. a second wake before the backoff ended: nothing is sent
    expect(t.server.count('POST', '/api/hazards')).toBe(1)
    t.clock.now = sender.wakeAt!
    t.timers[0]!.run()
    await sender.run()
    expect((await t.state(item.clientId)).state).toBe('sent')
    expect(t.server.hazards.size).toBe(2)
  })

  it('treats a 5xx and a 429 as "try later", with waits that grow and never pass 5 minutes', async () => {
    const t = await setUp()
    const item = await t.queueReport()
    const waits: number[] = []
    const sender = t.sender()
    for (let i = 0; i < 10; i++) {
      t.server.next.push({ pattern: 'POST /api/hazards', reply: { status: i % 2 ? 429 : 503 } })
      await sender.run(true)
      const after = await t.state(item.clientId)
      expect(after.state).toBe('queued')
      waits.push(after.nextAttemptAt - NOW)
    }
    expect(waits[1]!).toBeGreaterThan(waits[0]!)
    expect(Math.max(...waits)).toBeLessThanOrEqual(MAX_BACKOFF_MS)
    expect(waits.at(-1)).toBeGreaterThanOrEqual(MAX_BACKOFF_MS / 2)
  })

  it('pauses on a 401 without losing the item, sends nothing more, and continues after resume', async () => {
    const t = await setUp()
    const first = await t.queueReport('一')
    const second = await t.queueReport('二')
    t.server.next.push({ pattern: 'POST /api/hazards', reply: { status: 401, body: { error: { code: 'unauthorized', message: 'Log in.' } } } })
    const sender = t.sender()
    await sender.run()
    expect(sender.paused).toBe(true)
    expect(t.loggedOut()).toBe(1)
    expect((await t.state(first.clientId)).state).toBe('queued')
    await sender.run(true) // the online event while paused: still waiting for the login
    expect(t.server.count('POST', '/api/hazards')).toBe(1)
    await sender.resume()
    expect((await t.state(first.clientId)).state).toBe('sent')
    expect((await t.state(second.clientId)).state).toBe('sent')
  })

  it('puts a stale action in 需处理 with the hazard as the worker saw it and as the server has it, and does not resend it', async () => {
    const t = await setUp()
    const seen = makeHazard({ id: 7, version: 3 })
    t.server.hazards.set(7, makeHazard({ id: 7, version: 4, responsiblePerson: '李四' }))
    const item = await t.repo.put(actionItem('grid1', seen, { action: 'start', version: 3 }, [], new Date(NOW)))
    const sender = t.sender()
    await sender.run()
    const after = await t.state(item.clientId)
    expect(after.state).toBe('attention')
    expect(after.problem?.status).toBe(409)
    expect(after.problem?.conflict?.mine.version).toBe(3)
    expect(after.problem?.conflict?.theirs).toMatchObject({ version: 4, responsiblePerson: '李四' })
    await sender.run(true)
    expect(t.server.count('POST', '/api/hazards/7/actions')).toBe(1)
  })

  it('puts a refused report (422) in 需处理 with the server’s words and goes on with the next item', async () => {
    const t = await setUp()
    const refused = await t.queueReport('一')
    const next = await t.queueReport('二')
    t.server.next.push({ pattern: 'POST /api/hazards', reply: { status: 422, body: { error: { code: 'unprocessable', message: 'foundAt is before the campaign started.' } } } })
    await t.sender().run()
    expect(await t.state(refused.clientId)).toMatchObject({ state: 'attention', problem: { status: 422, message: 'foundAt is before the campaign started.' } })
    expect((await t.state(next.clientId)).state).toBe('sent')
  })

  it('names the fields a 400 refuses in the item’s problem', async () => {
    const t = await setUp()
    const item = await t.queueReport()
    t.server.next.push({ pattern: 'POST /api/hazards', reply: { status: 400, body: { error: { code: 'validation', message: 'Invalid request', details: [{ field: 'locationAccuracy', message: 'must be at most 100 m' }] } } } })
    await t.sender().run()
    expect((await t.state(item.clientId)).problem?.message).toContain('locationAccuracy: must be at most 100 m')
  })

  it('does not repeat a field the server’s message already names', async () => {
    const t = await setUp()
    const item = await t.queueReport()
    t.server.next.push({ pattern: 'POST /api/hazards', reply: { status: 422, body: { error: { code: 'invalid_input', message: 'foundAt: in the future.', details: [{ field: 'foundAt', message: 'in the future' }] } } } })
    await t.sender().run()
    expect((await t.state(item.clientId)).problem?.message).toBe('foundAt: in the future.')
  })

  it('sends again an item a dead tab left 发送中, once', async () => {
    const t = await setUp()
    const item = await t.queueReport()
    await t.repo.put({ ...item, state: 'sending' })
    await t.sender().run()
    expect((await t.state(item.clientId)).state).toBe('sent')
    expect(t.server.hazards.size).toBe(1)
  })

  it('sends each item once when two tabs’ senders run at once', async () => {
    const t = await setUp()
    const items = await Promise.all(['一', '二', '三'].map((title) => t.queueReport(title)))
    const locks = fakeLocks()
    await Promise.all([t.sender({ locks }).run(), t.sender({ locks }).run(true)])
    expect(locks.most).toBe(1)
    for (const item of items) expect(t.server.seen.filter((s) => s.key === item.clientId)).toHaveLength(1)
    expect(t.server.hazards.size).toBe(3)
  })

  it('keeps the hazard’s id when a photo fails, leaves the item unsent, and later sends only the photo', async () => {
    const t = await setUp()
    const item = await t.queueReport('水渠护栏缺失', [t.photo('a'), t.photo('b')])
    t.server.next.push({ pattern: 'POST /api/hazards/101/photos', reply: { status: 502 } })
    const sender = t.sender()
    await sender.run()
    const half = await t.state(item.clientId)
    expect(half).toMatchObject({ state: 'queued', hazardId: 101 })
    expect(half.photos.map((p) => p.uploadedId)).toEqual([undefined, undefined])
    await sender.run(true)
    expect((await t.state(item.clientId)).state).toBe('sent')
    expect(t.server.count('POST', '/api/hazards')).toBe(1)
    expect(t.server.photos).toHaveLength(2)
  })

  it('does not try while the browser says it is offline, and looks again later', async () => {
    const t = await setUp()
    const item = await t.queueReport()
    let online = false
    const sender = t.sender({ online: () => online })
    await sender.run(true)
    expect(t.server.seen).toEqual([])
    expect((await t.state(item.clientId)).attempts).toBe(0)
    expect(t.timers).toHaveLength(1)
    online = true
    await sender.run(true)
    expect((await t.state(item.clientId)).state).toBe('sent')
  })

  it('does not send an item discarded while the sender was reaching for it', async () => {
    const t = await setUp()
    const item = await t.queueReport()
    // The worker's discard lands between the sender's reading the queue and its marking the item 发送中.
    const read = t.repo.items.bind(t.repo)
    let reads = 0
    t.repo.items = async () => {
      const all = await read()
      // The first read looks for items a dead tab left 发送中, the second for the queue's head.
      if (++reads === 2) await t.repo.remove(item.clientId)
      return all
    }
    await t.sender().run()
    expect(t.server.seen).toEqual([])
    expect(await t.repo.item(item.clientId)).toBeUndefined()
  })

  it('leaves another account’s items for that account', async () => {
    const t = await setUp()
    const theirs = await t.repo.put(reportItem('grid2', makeReport(), [], new Date(NOW)))
    await t.sender().run()
    expect((await t.state(theirs.clientId)).state).toBe('queued')
    expect(t.server.seen).toEqual([])
  })
})
