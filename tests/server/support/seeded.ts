import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, databaseExists, dropDatabase, onPostgres, renameDatabase } from '../../postgres/databases'
import { AS_OF, type TestApp, openTestApp } from './app'
import { TEMPLATES, keepTemplate, templateKey } from './templates'

/**
 * `openTestApp()` over a copy of the seeded demo town. Seeding takes seconds and every test file
 * opens its own app, so the first file to seed a given server version keeps a pristine copy
 * (taken before any request) and the others start from a copy of it. Each file still gets its own
 * real SQLite file, and the template is rebuilt whenever the server's code or data/ changes. `extra` settings
 * (e.g. WALL_TOKEN) configure the server; they must not change what is seeded.
 */
export async function openSeededApp(extra: Record<string, string> = {}): Promise<TestApp> {
  // openTestApp's settings (AS_OF, SEED) are written in its file, so that file is part of the key.
  const key = templateKey(`AS_OF=${AS_OF}`, ['tests/server/support/app.ts'])
  if (onPostgres()) return openSeededPg(`tpl_${key}`, extra)
  const template = join(TEMPLATES, `${key}.db`)
  const dir = mkdtempSync(join(tmpdir(), 'pingan-seeded-'))
  try {
    copyFileSync(template, join(dir, 'test.db'))
  } catch {
    rmSync(dir, { recursive: true, force: true })
    return seedAndKeep(template, extra)
  }
  const t = await openTestApp({ ...extra, DB_PATH: join(dir, 'test.db') })
  return {
    ...t,
    close() {
      t.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function seedAndKeep(template: string, extra: Record<string, string>): Promise<TestApp> {
  const t = await openTestApp(extra)
  await keepTemplate(t.services.env.DB_PATH, template)
  return t
}

/**
 * The same on PostgreSQL: the template is a database of the test cluster, seeded once under a
 * temporary name and then renamed (atomic); each file gets its own copy (CREATE DATABASE … TEMPLATE).
 */
async function openSeededPg(template: string, extra: Record<string, string>): Promise<TestApp> {
  if (!(await databaseExists(template))) {
    const building = await createDatabase()
    const t = await openTestApp({ ...extra, DATABASE_URL: building.url })
    t.close()
    await renameDatabase(building.name, template)
  }
  const copy = await copyOf(template)
  const t = await openTestApp({ ...extra, DATABASE_URL: copy.url })
  return {
    ...t,
    close() {
      t.close()
      void dropDatabase(copy.name)
    },
  }
}

/** A copy of the template; PostgreSQL refuses to copy a database another copy is being made from, so try again. */
async function copyOf(template: string): Promise<{ name: string; url: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await createDatabase(template)
    } catch (err) {
      if (attempt >= 20) throw err
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200))
    }
  }
}
