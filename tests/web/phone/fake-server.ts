import type { HazardReport, HazardView } from '../../../server/domain/contract/hazards'

/** What the fake answers to one request: a status and a JSON body, or no answer at all (fetch rejects). */
export type Reply = { status: number; body?: unknown } | 'no answer'

export interface Seen {
  method: string
  path: string
  key: string | null
  form?: Record<string, string>
}

/** A hazard as the server shows it, for tests: the demo town's shapes, overridable. */
export function makeHazard(over: Partial<HazardView> = {}): HazardView {
  return {
    id: 1, code: 'YH-0001', title: '电线裸露', description: '', category: 'safety_accident', item: 'SA01', status: 'assigned', level: 'general',
    source: 'grid', location: [120.1, 30.2], areaId: 'G1', villageId: 'V1', districtId: 'D1', townId: 'T1', siteId: null,
    discoveredAt: '2026-06-14', foundAt: '2026-06-14T09:00:00+08:00', reportedAt: '2026-06-14T09:05:00+08:00', receivedAt: '2026-06-14T09:05:01+08:00',
    reportedBy: 'grid1', measures: null, leadUnit: 'safety', responsibleUnit: '村委', responsiblePerson: '张三', deadline: '2026-06-20',
    handlingLevel: null, escalated: false, rectifiedAt: null, closedAt: null, campaignId: 1, version: 3, updatedAt: '2026-06-14T10:00:00+08:00',
    overdue: false, generalised: false, ...over,
  } as HazardView
}

export function makeReport(over: Partial<HazardReport> = {}): HazardReport {
  return { category: 'safety_accident', item: 'SA01', title: '水渠护栏缺失', location: [120.1, 30.2], source: 'grid', foundAt: '2026-06-15T08:00:00+08:00', ...over } as HazardReport
}

/**
 * The server's part of issue 15 as the outbox meets it: idempotent reports and actions by
 * `Idempotency-Key`, photos recognised by their clientId, stale versions refused with 409.
 * `next` holds scripted replies, taken first-come by the first request whose "METHOD path" starts with the pattern.
 */
export class FakeServer {
  readonly seen: Seen[] = []
  readonly hazards = new Map<number, HazardView>()
  readonly photos: Array<{ hazardId: number; clientId: string; stage: string; takenAt?: string }> = []
  readonly next: Array<{ pattern: string; reply: Reply }> = []
  private readonly answered = new Map<string, { status: number; body: unknown }>()
  private lastId = 100

  readonly fetch: typeof fetch = async (input, init) => {
    const path = String(input)
    const method = init?.method ?? 'GET'
    const key = new Headers(init?.headers).get('Idempotency-Key')
    const form = init?.body instanceof FormData ? Object.fromEntries([...init.body.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string> : undefined
    this.seen.push({ method, path, key, ...(form ? { form } : {}) })
    const scripted = this.next.findIndex((n) => `${method} ${path}`.startsWith(n.pattern))
    const reply = scripted >= 0 ? this.next.splice(scripted, 1)[0]!.reply : this.answer(method, path, key, init?.body, form)
    if (reply === 'no answer') throw new TypeError('Failed to fetch')
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json' } })
  }

  /** How many times a request with this method and path was made. */
  count(method: string, path: string | RegExp): number {
    return this.seen.filter((s) => s.method === method && (typeof path === 'string' ? s.path === path : path.test(s.path))).length
  }

  private answer(method: string, path: string, key: string | null, body: unknown, form?: Record<string, string>): { status: number; body: unknown } {
    if (method === 'POST' && path === '/api/hazards') return this.keyed(key, body, () => this.report(JSON.parse(String(body)) as HazardReport))
    const act = /^\/api\/hazards\/(\d+)\/actions$/.exec(path)
    if (method === 'POST' && act) return this.keyed(key, body, () => this.act(Number(act[1]), JSON.parse(String(body)) as { version: number }))
    const photo = /^\/api\/hazards\/(\d+)\/photos$/.exec(path)
    if (method === 'POST' && photo && form) return this.photo(Number(photo[1]), form)
    const get = /^\/api\/hazards\/(\d+)$/.exec(path)
    const hazard = get && this.hazards.get(Number(get[1]))
    if (method === 'GET' && hazard) return { status: 200, body: { hazard, events: [], photos: [] } }
    return { status: 404, body: { error: { code: 'not_found', message: 'No such thing.' } } }
  }

  private keyed(key: string | null, body: unknown, first: () => { status: number; body: unknown }): { status: number; body: unknown } {
    if (!key) return { status: 400, body: { error: { code: 'validation', message: 'Idempotency-Key missing' } } }
    const before = this.answered.get(key)
    if (before) return before
    const answer = first()
    if (answer.status < 300) this.answered.set(key, answer)
    return answer
  }

  private report(body: HazardReport): { status: number; body: unknown } {
    const id = ++this.lastId
    const hazard = makeHazard({ id, code: `YH-${id}`, title: body.title, status: 'reported', version: 1 })
    this.hazards.set(id, hazard)
    return { status: 201, body: { hazard } }
  }

  private act(id: number, body: { version: number }): { status: number; body: unknown } {
    const hazard = this.hazards.get(id)
    if (!hazard) return { status: 404, body: { error: { code: 'not_found', message: 'No such hazard.' } } }
    if (hazard.version !== body.version) return { status: 409, body: { error: { code: 'stale_version', message: 'The hazard changed.', details: { version: hazard.version } } } }
    const next = { ...hazard, version: hazard.version + 1, status: 'rectifying' as const }
    this.hazards.set(id, next)
    return { status: 200, body: { hazard: next } }
  }

  private photo(hazardId: number, form: Record<string, string>): { status: number; body: unknown } {
    const known = this.photos.findIndex((p) => p.clientId === form['clientId'])
    if (known >= 0) return { status: 200, body: { photo: { id: known + 1, url: `/api/photos/${known + 1}`, stage: form['stage'] } } }
    this.photos.push({ hazardId, clientId: form['clientId']!, stage: form['stage']!, ...(form['takenAt'] ? { takenAt: form['takenAt'] } : {}) })
    const id = this.photos.length
    return { status: 201, body: { photo: { id, url: `/api/photos/${id}`, stage: form['stage'] } } }
  }
}

/** navigator.locks as one phone has it: requests for a name run one after another, across "tabs" sharing this object. */
export function fakeLocks(): Pick<LockManager, 'request'> & { held: number; most: number } {
  const tails = new Map<string, Promise<unknown>>()
  const locks = {
    held: 0,
    most: 0,
    request: (async (name: string, callback: (lock: Lock | null) => Promise<unknown>) => {
      const before = tails.get(name) ?? Promise.resolve()
      let release!: () => void
      const mine = new Promise<void>((done) => (release = done))
      tails.set(name, before.then(() => mine))
      await before.catch(() => undefined)
      locks.held++
      locks.most = Math.max(locks.most, locks.held)
      try {
        return await callback({ name, mode: 'exclusive' } as Lock)
      } finally {
        locks.held--
        release()
      }
    }) as LockManager['request'],
  }
  return locks
}
