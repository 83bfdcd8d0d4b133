import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HazardAnswer, HazardList } from '../../server/domain/contract/hazards'
import type { LiveHazardMessage } from '../../server/domain/contract/live'
import type { AreaCollection } from '../../server/domain/contract/reference'
import type { Summary } from '../../server/domain/stats'
import { createDatabase, dropDatabase } from '../postgres/databases'
import { type Read, StreamReader, type Written, keyedPost, logIn, postFrom, readLoop, sleep, until } from './clients'
import { type Balancer, type Instance, startInstance, startNginx } from './cluster'

/**
 * Failover (issue 16): PostgreSQL, two real instances and Debian's nginx in front running the shipped
 * deploy/nginx/pingan.conf, readers, writers and a live-stream reader on loopback. Mid-run the
 * instance holding the stream is killed with SIGKILL. Then: every read was answered 2xx (nginx passed
 * it on), every write the clients were told succeeded is in the database, the stream resumed on the
 * other instance from its last event id with an event for every acknowledged write and no `reload`,
 * and the surviving instance's index agrees with the database.
 */

const AS_OF = '2026-11-28'
const STARTING = 240_000
/** load before and after the kill; after covers the stream's reconnection (retry 3 s) and nginx's fail_timeout (5 s) */
const BEFORE_KILL_MS = 4_000
const AFTER_KILL_MS = 9_000
const INSTANCE_ENV = { AS_OF, HAZARDS: '400', FOLLOW_POLL_MS: '200' }

interface Ack {
  hazardId: number
  version: number
  action: 'report' | 'comment' | 'assess'
  marker: string
  written: Written
}

let dir: string
let database: { name: string; url: string }
const instances: Instance[] = []
let nginx: Balancer
let leader: string
let grid: string
let safety: string
let location: [number, number]
let readPaths: string[]

const tile = ([lon, lat]: [number, number], z: number) => {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  return `${z}/${Math.floor(((lon + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)}`
}
const portOf = (upstream: string) => Number(upstream.split(':').at(-1))
const output = () => instances.map((i) => `--- instance ${i.port}\n${i.output().slice(-3000)}`).join('\n')

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pingan-failover-'))
  database = await createDatabase()
  // Both at once on the empty database, as a town's machines come up: one seeds it, the other waits and finds it seeded.
  const started = await Promise.allSettled(['a', 'b'].map((name) => startInstance({ databaseUrl: database.url, dir: join(dir, name), env: INSTANCE_ENV, timeoutMs: STARTING })))
  for (const s of started) if (s.status === 'fulfilled') instances.push(s.value)
  for (const s of started) if (s.status === 'rejected') throw s.reason
  nginx = await startNginx(join(dir, 'nginx'), instances.map((i) => i.port))
  try {
    leader = await logIn(nginx.origin, 'leader')
    safety = await logIn(nginx.origin, 'safety')
    const villages = (await (await fetch(`${nginx.origin}/api/areas?level=village`, { headers: { cookie: leader } })).json()) as AreaCollection
    const village = villages.features[0]!.properties
    location = village.label
    grid = await logIn(nginx.origin, `grid-${village.id}`)
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${output()}`)
  }
  readPaths = ['/api/stats/summary', '/api/hazards?limit=50', `/api/tiles/hazards/${tile(location, 14)}`, `/api/stats/areas?level=village`]
}, STARTING + 60_000)

afterAll(async () => {
  await nginx?.stop()
  await Promise.all(instances.map((i) => i.stop()))
  if (database) await dropDatabase(database.name)
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** One writer: a grid worker reports a hazard and comments on it, the safety office assesses it; again until stopped. */
async function writeLoop(w: number, stopped: () => boolean, acks: Ack[], refused: Written[]): Promise<void> {
  const ack = (written: Written, action: Ack['action'], marker: string, ok: number) => {
    if (written.status !== ok) return void refused.push(written)
    const { hazard } = written.body as HazardAnswer
    acks.push({ hazardId: hazard.id, version: hazard.version, action, marker, written })
    return hazard
  }
  for (let n = 0; !stopped(); n++) {
    const marker = `失效转移 w${w} n${n}`
    const report = { category: 'safety_accident', item: 'fire', title: `${marker} 消防器材过期`, source: 'routine', location }
    let h = ack(await keyedPost(nginx.origin, grid, '/api/hazards', report), 'report', marker, 201)
    if (!h) continue
    h = ack(await keyedPost(nginx.origin, grid, `/api/hazards/${h.id}/actions`, { action: 'comment', version: h.version, note: `${marker} 复核` }), 'comment', marker, 200)
    if (!h) continue
    const assess = { action: 'assess', version: h.version, level: 'general', measures: `${marker} 更换灭火器` }
    ack(await keyedPost(nginx.origin, safety, `/api/hazards/${h.id}/actions`, assess), 'assess', marker, 200)
  }
}

/** What the run measured, printed for README "Several servers". */
function figures(reads: readonly Read[], acks: readonly Ack[], killedAt: number, resumedAt: number | undefined): string {
  const after = reads.filter((r) => r.at >= killedAt && r.at < killedAt + 2_000).map((r) => r.ms).sort((a, b) => a - b)
  const sentAgain = acks.filter((a) => a.written.attempts > 1)
  return [
    `failover: ${reads.length} reads, ${reads.filter((r) => r.status >= 200 && r.status < 300).length} answered 2xx`,
    `(slowest in the 2 s after the kill ${after.at(-1) ?? 0} ms);`,
    `${acks.length} writes acknowledged, ${sentAgain.length} after sending again (${sentAgain.filter((a) => a.written.replayed).length} of them replayed);`,
    `stream back ${resumedAt === undefined ? '—' : `${((resumedAt - killedAt) / 1000).toFixed(1)} s`} after the kill`,
  ].join(' ')
}

describe('nginx in front of the instances', () => {
  it('names the client by the address nginx saw it come from, whatever X-Forwarded-For the client sent', async () => {
    const res = await postFrom('127.0.0.5', `${nginx.origin}/api/auth/login`, { username: 'analyst', password: 'pingan2026' }, { 'x-forwarded-for': '203.0.113.9' })
    expect(res.status, res.text).toBe(200)
    const c = new pg.Client({ connectionString: database.url })
    await c.connect()
    try {
      // Logins are audited with the address they are throttled by.
      const rows = await c.query<{ target: string }>("SELECT target FROM audit WHERE username = 'analyst' AND action = 'login'")
      expect(rows.rows.map((r) => r.target)).toEqual(['127.0.0.5'])
    } finally {
      await c.end()
    }
  })
})

describe('two instances behind nginx, one killed mid-run', () => {
  const reads: Read[] = []
  const acks: Ack[] = []
  const refused: Written[] = []
  let stream: StreamReader
  let victim: Instance
  let survivor: Instance
  let killedAt = 0

  beforeAll(async () => {
    stream = new StreamReader(nginx.origin, leader)
    expect(await until(() => stream.connections.length > 0, 10_000)).toBe(true)
    const first = stream.connections[0]!
    expect(first.status).toBe(200)
    victim = instances.find((i) => i.port === portOf(first.upstream))!
    survivor = instances.find((i) => i !== victim)!
    expect(victim, `the stream's instance, from X-Upstream "${first.upstream}"`).toBeDefined()
    let stopped = false
    const loops = [
      ...[0, 1, 2].map(() => readLoop(nginx.origin, leader, readPaths, () => stopped, reads)),
      ...[0, 1, 2].map((w) => writeLoop(w, () => stopped, acks, refused)),
    ]
    await sleep(BEFORE_KILL_MS)
    killedAt = Date.now()
    await victim.kill()
    await sleep(AFTER_KILL_MS)
    stopped = true
    await Promise.all(loops)
    // The stream catches up on the last writes (it reconnected once at least).
    const seen = () => new Map(hazardMessages().map((m) => [m.id, m.version]))
    await until(() => acks.every((a) => (seen().get(a.hazardId) ?? 0) >= a.version), 20_000)
    await stream.stop()
    const resumed = stream.messages.find((m) => m.connection > 0 && m.event === 'hello')
    console.log(figures(reads, acks, killedAt, resumed?.at))
  }, 120_000)

  const hazardMessages = () => stream.messages.filter((m) => m.event === 'hazard').map((m) => JSON.parse(m.data) as LiveHazardMessage)

  it('spread the load over both instances before the kill and answered every read 2xx', () => {
    const before = reads.filter((r) => r.at < killedAt)
    const after = reads.filter((r) => r.at >= killedAt)
    expect(new Set(before.map((r) => portOf(r.upstream)))).toEqual(new Set(instances.map((i) => i.port)))
    expect(after.length).toBeGreaterThan(0)
    expect(reads.filter((r) => r.status < 200 || r.status >= 300).slice(0, 10)).toEqual([])
    expect(after.filter((r) => portOf(r.upstream) === victim.port)).toEqual([])
  })

  it('acknowledged every write, some only after sending again under the same key', () => {
    expect(refused.map((w) => `${w.path} ${w.status} ${JSON.stringify(w.body)}`), output()).toEqual([])
    expect(acks.filter((a) => a.written.upstreams.some((u) => portOf(u) === victim.port)).length).toBeGreaterThan(0)
    expect(acks.filter((a) => a.action === 'assess').length).toBeGreaterThan(5)
  })

  it('lost no acknowledged write', async () => {
    const c = new pg.Client({ connectionString: database.url })
    await c.connect()
    try {
      const ids = [...new Set(acks.map((a) => a.hazardId))]
      const rows = (await c.query<{ id: number; version: number; title: string; measures: string | null }>('SELECT id, version, title, measures FROM hazards WHERE id = ANY($1)', [ids])).rows
      const notes = (await c.query<{ note: string }>("SELECT note FROM hazard_events WHERE hazard_id = ANY($1) AND action = 'comment'", [ids])).rows.map((r) => r.note)
      const byId = new Map(rows.map((r) => [r.id, r]))
      const lost = acks.filter((a) => {
        const row = byId.get(a.hazardId)
        if (!row || row.version < a.version) return true
        if (a.action === 'report') return !row.title.startsWith(a.marker)
        if (a.action === 'comment') return !notes.includes(`${a.marker} 复核`)
        return row.measures !== `${a.marker} 更换灭火器`
      })
      expect(lost.map((a) => `${a.action} ${a.hazardId} v${a.version}`)).toEqual([])
      // Each step once, however many times it was sent.
      expect(notes.length).toBe(acks.filter((a) => a.action === 'comment').length)
    } finally {
      await c.end()
    }
  })

  it('resumed the stream on the surviving instance from its last event id, with no gap and no reload', () => {
    const resumed = stream.connections.find((c, i) => i > 0 && c.status === 200)
    expect(resumed, JSON.stringify(stream.connections)).toBeDefined()
    expect(portOf(resumed!.upstream)).toBe(survivor.port)
    expect(resumed!.resumedFrom).toBeDefined()
    expect(stream.messages.filter((m) => m.event === 'reload')).toEqual([])
    // Ids only go forward, across both connections.
    const ids = stream.messages.flatMap((m) => (m.id === undefined ? [] : [m.id]))
    expect(ids.filter((id, i) => i > 0 && id < ids[i - 1]!)).toEqual([])
    // A resumed connection tells only what came after the id it was opened with.
    const early = stream.messages.filter((m) => m.connection > 0 && m.id !== undefined && m.id <= (stream.connections[m.connection]!.resumedFrom ?? -1))
    expect(early).toEqual([])
    // A resume from the wrong place tells again, or tells older, what an earlier connection told.
    const seen = new Map<number, { version: number; connection: number; id: number | undefined }>()
    const again: string[] = []
    for (const m of stream.messages) {
      if (m.event !== 'hazard') continue
      const h = JSON.parse(m.data) as LiveHazardMessage
      const before = seen.get(h.id)
      if (before && before.connection < m.connection && before.version >= h.version)
        again.push(`hazard ${h.id} v${h.version} (connection ${m.connection} id ${m.id}) after v${before.version} (connection ${before.connection} id ${before.id})`)
      if (!before || h.version > before.version) seen.set(h.id, { version: h.version, connection: m.connection, id: m.id })
    }
    const writes = (ids: string[]) => acks.filter((a) => ids.some((t) => t.startsWith(`hazard ${a.hazardId} `))).map((a) => `${a.action} ${a.hazardId} v${a.version} via ${a.written.upstreams.join(' ')}`)
    expect(again, `${stream.connections.map((c) => JSON.stringify(c)).join(' ')}; killed ${victim.port}; ${writes(again).join('; ')}`).toEqual([])
    // An event for every acknowledged write: its hazard at that version or a later one.
    expect(acks.filter((a) => (seen.get(a.hazardId)?.version ?? 0) < a.version).map((a) => `${a.action} ${a.hazardId} v${a.version}`)).toEqual([])
  })

  it("the surviving instance's index equals the database", async () => {
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${survivor.origin}${path}`, { headers: { cookie: leader } })
      expect(res.status, path).toBe(200)
      return (await res.json()) as T
    }
    const c = new pg.Client({ connectionString: database.url })
    await c.connect()
    try {
      const summary = await get<Summary>('/api/stats/summary')
      const counts = async (sql: string) => Object.fromEntries((await c.query<{ k: string; n: number }>(sql)).rows.map((r) => [r.k, r.n]))
      const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, n]) => n > 0))
      expect(nonZero(summary.byStatus)).toEqual(await counts('SELECT status AS k, count(*)::int AS n FROM hazards GROUP BY status'))
      expect(nonZero(summary.byLevel)).toEqual(await counts("SELECT coalesce(level, 'unassessed') AS k, count(*)::int AS n FROM hazards GROUP BY 1"))
      const totals = (await c.query<{ total: number; escalated: number }>('SELECT count(*)::int AS total, (count(*) FILTER (WHERE escalated))::int AS escalated FROM hazards')).rows[0]!
      expect({ total: summary.total, escalated: summary.escalated }).toEqual(totals)
      // Which hazards the index holds in each status the writers moved them through.
      for (const status of ['reported', 'assessed']) {
        const list = await get<HazardList>(`/api/hazards?status=${status}&limit=10000`)
        const db = (await c.query<{ id: number }>('SELECT id FROM hazards WHERE status = $1 ORDER BY id', [status])).rows.map((r) => r.id)
        expect(list.features.map((f) => f.id).sort((a, b) => a - b), status).toEqual(db)
      }
    } finally {
      await c.end()
    }
  })
})
