import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Where Debian installs each PostgreSQL version's client programs. */
const DEBIAN_BIN = '/usr/lib/postgresql'

/**
 * The path of pg_dump or pg_restore: the newest version under /usr/lib/postgresql (a client must be
 * at least the server's version; Debian's /usr/bin wrapper may pick another), else the name, found
 * on PATH.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const versions = existsSync(DEBIAN_BIN) ? readdirSync(DEBIAN_BIN).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : []
  for (const v of versions) {
    const path = join(DEBIAN_BIN, v, 'bin', name)
    if (existsSync(path)) return path
  }
  return name
}

/**
 * Runs a PostgreSQL client program against DATABASE_URL. The password goes in PGPASSWORD, not on
 * the command line, where any local user's `ps` would read it; throws with the program's own words
 * when it fails.
 */
export function runPgTool(name: 'pg_dump' | 'pg_restore', args: string[], url: string, ...files: string[]): void {
  const target = new URL(url)
  const password = decodeURIComponent(target.password)
  target.password = ''
  const r = spawnSync(pgTool(name), [...args, `--dbname=${target.toString()}`, ...files], {
    env: { ...process.env, ...(password && { PGPASSWORD: password }) },
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  })
  if (r.error) throw new Error(`${name} could not run: ${r.error.message} (install postgresql-client)`)
  if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status}): ${r.stderr.trim()}`)
}

/** The database's name in a URL, to name it in messages without its credentials. */
export const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1)) || '(default database)'
