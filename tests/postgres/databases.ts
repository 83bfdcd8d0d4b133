import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'

/** The test cluster's admin URL (tests/postgres/global-setup.ts), or undefined outside the postgres project. */
export function pgAdminUrl(): string | undefined {
  try {
    return inject('pgAdminUrl')
  } catch {
    return undefined
  }
}

/** Whether this run is the suite's second pass, on PostgreSQL (vitest project `postgres`). */
export const onPostgres = () => process.env['PINGAN_TEST_STORE'] === 'postgres'

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const url = pgAdminUrl()
  if (!url) throw new Error('no test cluster: run in the vitest project `postgres`')
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

/** The URL of a database of the test cluster named `name`. */
export function databaseUrl(name: string): string {
  const url = new URL(pgAdminUrl()!)
  url.pathname = `/${name}`
  return url.toString()
}

/** A new empty database (a copy of `template` when given); its URL. */
export async function createDatabase(template?: string): Promise<{ name: string; url: string }> {
  const name = `t_${randomUUID().replaceAll('-', '').slice(0, 20)}`
  await admin((c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`))
  return { name, url: databaseUrl(name) }
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
}

/** Whether a database of this name exists. */
export async function databaseExists(name: string): Promise<boolean> {
  return admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1)
}

/** Renames a database (a template made under a temporary name is published atomically). */
export async function renameDatabase(from: string, to: string): Promise<boolean> {
  return admin(async (c) => {
    try {
      await c.query(`ALTER DATABASE ${from} RENAME TO ${to}`)
      return true
    } catch {
      // another file published the same template first
      await c.query(`DROP DATABASE IF EXISTS ${from} WITH (FORCE)`)
      return false
    }
  })
}
