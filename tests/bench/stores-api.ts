/**
 * Statistics and tiles on each store (npm run bench:stores, issue 16): the same requests, through
 * the app in-process as api.bench.ts times them (routing, session, validation, JSON or the tile's
 * bytes; no socket), against one instance on SQLite and one on PostgreSQL holding the same ledger.
 * Interleaved: each round sends every request to both, the order of the two alternating, so a
 * busy moment of the machine falls on both alike. Both must answer the same bytes.
 */
import { createApp } from '../../server/app'
import type { Services } from '../../server/services/context'
import { PASSWORD } from './stores-servers'

export interface RequestFigures {
  request: string
  sqlite: number
  postgres: number
}

type Get = (path: string) => Promise<Uint8Array>

async function signedIn(s: Services): Promise<Get> {
  const app = createApp(s)
  const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leader', password: PASSWORD }) })
  if (login.status !== 200) throw new Error(`login: ${login.status}`)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  return async (path) => {
    const res = await app.request(path, { headers: { cookie } })
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return new Uint8Array(await res.arrayBuffer())
  }
}

/** The tile at zoom z holding a point. */
function tileOf(z: number, [lon, lat]: [number, number]): string {
  const n = 2 ** z
  const r = (lat * Math.PI) / 180
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)
  return `/api/tiles/hazards/${z}/${Math.floor(((lon + 180) / 360) * n)}/${y}`
}

/** The requests: the summary (whole and filtered), statistics by area and category, and tiles z10–z14 over a district. */
function requests(s: Services): string[] {
  const district = s.ledger.areas.byLevel.get('district')![0]!
  const label = district.label!
  return [
    '/api/stats/summary',
    '/api/stats/summary?category=safety_accident&status=assigned,rectifying',
    `/api/stats/summary?area=${district.id}`,
    '/api/stats/areas?level=district',
    '/api/stats/areas?level=village',
    '/api/stats/areas?level=village&category=safety_accident',
    '/api/stats/trend',
    ...[10, 11, 12, 13, 14].map((z) => tileOf(z, label)),
  ]
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Per-request medians in ms on each store, over `rounds` interleaved rounds (after a few for warm-up). */
export async function apiFigures(sqlite: Services, postgres: Services, rounds: number): Promise<RequestFigures[]> {
  const gets = { sqlite: await signedIn(sqlite), postgres: await signedIn(postgres) }
  const paths = requests(sqlite)
  for (const path of paths) {
    const [a, b] = [await gets.sqlite(path), await gets.postgres(path)]
    if (Buffer.compare(a, b) !== 0) throw new Error(`${path}: SQLite and PostgreSQL answer differently`)
  }
  const times = new Map(paths.map((p) => [p, { sqlite: [] as number[], postgres: [] as number[] }]))
  for (let round = -5; round < rounds; round++) {
    for (const path of paths) {
      const order = round % 2 === 0 ? (['sqlite', 'postgres'] as const) : (['postgres', 'sqlite'] as const)
      for (const store of order) {
        const t = performance.now()
        await gets[store](path)
        if (round >= 0) times.get(path)![store].push(performance.now() - t)
      }
    }
  }
  return paths.map((request) => ({ request, sqlite: median(times.get(request)!.sqlite), postgres: median(times.get(request)!.postgres) }))
}
