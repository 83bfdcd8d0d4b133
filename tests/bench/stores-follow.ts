/**
 * A write on instance A seen on instance B (npm run bench:stores, issue 16): two real server
 * processes on one PostgreSQL database. A grid worker reports a hazard through A's HTTP API; the
 * time runs from sending the report until B's event stream (a leader's session) has carried that
 * hazard's event AND B's summary, read by the same leader, counts it. One write at a time, each
 * after a random pause as long as B's poll period at most: written right after the write before
 * was seen, each would land just after a poll and wait nearly a whole period (the worst case every
 * time); spread over the period, they land where a user's writes do, anywhere in it.
 */
import { type ServerProcess, getJson, login, openHazardStream, startServer } from './stores-servers'

export interface Visibility {
  writes: number
  p50: number
  p95: number
  max: number
}

interface Area {
  properties: { id: string; parentId: string | null; label: [number, number] }
}

/** Writes on a and times each until b shows it; a and b already run on the same database. */
export async function timeVisibility(a: ServerProcess, b: ServerProcess, writes: number, pollMs: number): Promise<Visibility> {
  const leaderA = await login(a.origin, 'leader')
  const villages = (await getJson<{ features: Area[] }>(a.origin, '/api/areas?level=village', leaderA)).features.map((f) => f.properties)
  const village = villages[Math.floor(villages.length / 2)]!
  const writer = await login(a.origin, `grid-${village.id}`)
  const leaderB = await login(b.origin, 'leader')
  const stream = await openHazardStream(b.origin, leaderB)
  const total = async () => (await getJson<{ total: number }>(b.origin, '/api/stats/summary', leaderB)).total
  const times: number[] = []
  try {
    let expected = await total()
    for (let i = 0; i < writes; i++) {
      await new Promise((r) => setTimeout(r, Math.random() * pollMs))
      const started = performance.now()
      const res = await fetch(`${a.origin}/api/hazards`, {
        method: 'POST', headers: { cookie: writer, 'content-type': 'application/json' },
        body: JSON.stringify({ category: 'safety_accident', item: 'fire', title: `跨实例可见 ${i}`, location: village.label, source: 'routine' }),
      })
      if (res.status !== 201) throw new Error(`POST /api/hazards on A: ${res.status} ${await res.text()}`)
      const id = ((await res.json()) as { hazard: { id: number } }).hazard.id
      expected++
      await stream.arrival(id)
      // The stream is told after the index took the hazard: the first read almost always counts it.
      while ((await total()) < expected) {
        if (performance.now() - started > 30_000) throw new Error(`hazard ${id} not counted on B after 30 s`)
        await new Promise((r) => setTimeout(r, 5))
      }
      times.push(performance.now() - started)
    }
  } finally {
    stream.close()
  }
  times.sort((x, y) => x - y)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!
  return { writes: times.length, p50: at(0.5), p95: at(0.95), max: times[times.length - 1]! }
}

/** Instance A, then B in each mode in turn (LISTEN, then polling alone), B restarted between them. */
export async function followFigures(env: Record<string, string>, writes: number): Promise<Array<{ mode: string } & Visibility>> {
  const pollMs = Number(env['FOLLOW_POLL_MS'] ?? 1000)
  const a = await startServer(env)
  const out: Array<{ mode: string } & Visibility> = []
  try {
    for (const [mode, extra] of [
      ['LISTEN + poll', { FOLLOW_LISTEN: 'true' }],
      [`polling alone (FOLLOW_LISTEN=false, FOLLOW_POLL_MS=${pollMs})`, { FOLLOW_LISTEN: 'false' }],
    ] as const) {
      const b: ServerProcess = await startServer({ ...env, ...extra })
      try {
        out.push({ mode, ...(await timeVisibility(a, b, writes, pollMs)) })
      } catch (err) {
        const tail = (p: ServerProcess) => p.log().split('\n').slice(-15).join('\n')
        throw new Error(`${(err as Error).message}\n--- A's log:\n${tail(a)}\n--- B's log:\n${tail(b)}`, { cause: err })
      } finally {
        await b.stop()
      }
    }
  } finally {
    await a.stop()
  }
  return out
}
