/**
 * A throw-away PostgreSQL cluster for the tests: initdb into a temporary folder, started on a free
 * loopback port with its socket in that folder, fsync off (nothing in it outlives the run). As root
 * (CI) it runs as the `postgres` account Debian's package creates, since PostgreSQL refuses root.
 * PINGAN_TEST_PG_URL points the tests at a server of one's own instead (a superuser's URL).
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCluster {
  /** a superuser's URL to the `postgres` database */
  url: string
  stop(): void
}

/** Debian's PostgreSQL binaries (postgresql-15; the newest installed when several are). */
export function pgBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : undefined
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

export async function startTestCluster(): Promise<TestCluster> {
  const given = process.env['PINGAN_TEST_PG_URL']
  if (given) return { url: given, stop: () => undefined }
  const bin = pgBin()
  if (!bin) throw new Error('PostgreSQL is not installed: node tests/ensure-tools.mjs installs postgresql-15-postgis-3 (or set PINGAN_TEST_PG_URL)')
  const dir = mkdtempSync(join(tmpdir(), 'pingan-pg-'))
  chmodSync(dir, 0o777)
  const asRoot = process.getuid?.() === 0
  const run = (args: string[]) => {
    const [cmd, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args
    const r = spawnSync(cmd!, rest, { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`)
  }
  const data = join(dir, 'data')
  run([join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8'])
  const port = await freePort()
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`
  run([join(bin, 'pg_ctl'), '-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
