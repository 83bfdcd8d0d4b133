import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../server/support/free-port'

/**
 * The failover test's processes: real server instances (server/index.ts under tsx, as `npm start`
 * runs it) on one PostgreSQL database, and Debian's nginx in front of them running the shipped
 * deploy/nginx/pingan.conf with only its addresses replaced.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** The configuration a town installs (README, "Several servers"). */
export const SHIPPED_CONF = join(repoRoot, 'deploy/nginx/pingan.conf')
const NGINX = '/usr/sbin/nginx'

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', () => done()))

/** A child process whose output is kept for failure messages. */
export interface Running {
  child: ChildProcess
  /** everything it printed so far */
  output(): string
  /** SIGTERM, SIGKILL after 5 s; resolves once it is gone */
  stop(): Promise<void>
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  return {
    child,
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited(child)
      clearTimeout(killer)
    },
  }
}

/** Polls `url` until it answers 2xx while `alive` holds; false on timeout or when `alive` stops holding. */
async function answers(url: string, alive: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && alive()) {
    if (await fetch(url).then((r) => r.ok, () => false)) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

export interface Instance extends Running {
  port: number
  origin: string
  /** kill -9: no chance to close a connection or finish a request */
  kill(): Promise<void>
}

/**
 * One server instance, as an operator starts it: STORE=postgres, the shared DATABASE_URL, its own
 * port and VAR_DIR, nginx's address trusted for X-Forwarded-For. Resolves once it says it listens
 * and /api/health answers (an empty database is seeded first: the instance prints when).
 */
export async function startInstance(o: { databaseUrl: string; dir: string; env: Record<string, string>; timeoutMs: number }): Promise<Instance> {
  const port = await freePort()
  mkdirSync(o.dir, { recursive: true })
  const env = {
    ...process.env, STORE: 'postgres', DATABASE_URL: o.databaseUrl, HOST: '127.0.0.1', PORT: String(port), VAR_DIR: o.dir, TRUST_PROXY: '127.0.0.1', ...o.env,
  }
  const running = run(process.execPath, ['--import', 'tsx', 'server/index.ts'], env)
  const origin = `http://127.0.0.1:${port}`
  const alive = () => running.child.exitCode === null && running.child.signalCode === null
  const deadline = Date.now() + o.timeoutMs
  while (alive() && !running.output().includes('listening on') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  if (!(await answers(`${origin}/api/health`, alive, deadline - Date.now()))) {
    await running.stop()
    throw new Error(`instance on ${port} did not start:\n${running.output()}`)
  }
  return {
    ...running, port, origin,
    async kill() {
      running.child.kill('SIGKILL')
      await exited(running.child)
    },
  }
}

/**
 * The shipped configuration with this run's addresses: the upstream's two example instances become
 * `instances`, `listen 80` becomes loopback on `port`. Throws when the file no longer has the shape
 * this replaces, so the test cannot silently run a configuration other than the one shipped.
 */
export function renderConf(shipped: string, port: number, instances: readonly number[]): string {
  const servers = [...shipped.matchAll(/^(\s*server )127\.0\.0\.1:\d+( .*;)$/gm)]
  const listens = [...shipped.matchAll(/^(\s*)listen 80;$/gm)]
  if (servers.length !== instances.length || listens.length !== 1)
    throw new Error(`${SHIPPED_CONF}: expected ${instances.length} upstream servers on 127.0.0.1 and one "listen 80;", found ${servers.length} and ${listens.length}`)
  let i = 0
  return shipped
    .replace(/^(\s*server )127\.0\.0\.1:\d+( .*;)$/gm, (_, head: string, tail: string) => `${head}127.0.0.1:${instances[i++]}${tail}`)
    .replace(/^(\s*)listen 80;$/m, (_, indent: string) => `${indent}listen 127.0.0.1:${port};`)
}

export interface Balancer extends Running {
  origin: string
  /** the rendered configuration, as nginx read it */
  conf: string
}

/**
 * nginx in the foreground with everything it writes (pid, logs, temporary bodies) under `dir`: the
 * shipped file rendered and included in the http block of a minimal main configuration, as Debian's
 * nginx.conf includes conf.d/*.conf. Nothing listens on port 80 and no service is started.
 */
export async function startNginx(dir: string, instances: readonly number[]): Promise<Balancer> {
  const port = await freePort()
  mkdirSync(dir, { recursive: true })
  // Run as root (CI), nginx's workers are `nobody`: they must reach the temporary folders nginx makes for them here.
  chmodSync(dir, 0o755)
  const conf = renderConf(readFileSync(SHIPPED_CONF, 'utf8'), port, instances)
  writeFileSync(join(dir, 'pingan.conf'), conf)
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${join(dir, t)};`).join('\n')
  writeFileSync(join(dir, 'nginx.conf'), [
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'worker_processes 1;',
    'events { worker_connections 512; }',
    'http {',
    `    access_log ${join(dir, 'access.log')};`,
    temp,
    `    include ${join(dir, 'pingan.conf')};`,
    '}',
    '',
  ].join('\n'))
  const running = run(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], process.env)
  const origin = `http://127.0.0.1:${port}`
  const alive = () => running.child.exitCode === null
  if (!(await answers(`${origin}/api/health`, alive, 15_000))) {
    await running.stop()
    const log = (() => {
      try {
        return readFileSync(join(dir, 'error.log'), 'utf8')
      } catch {
        return ''
      }
    })()
    throw new Error(`nginx did not start on ${port}:\n${running.output()}\n${log}`)
  }
  return { ...running, origin, conf }
}
