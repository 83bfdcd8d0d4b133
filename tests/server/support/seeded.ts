import { createHash, randomUUID } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { AS_OF, type TestApp, openTestApp } from './app'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
/** What the seeded town is made from: the server's code, the real inputs in data/, the harness's env. */
const SOURCES = ['server', 'data', 'tests/server/support/app.ts']
const TEMPLATES = join(tmpdir(), 'pingan-test-templates')

/** A digest of every source file: the seeded town can only change when one of them does. */
function fingerprint(): string {
  const hash = createHash('sha256').update(`AS_OF=${AS_OF};`)
  const add = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name))
    else hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0')
  }
  for (const source of SOURCES) add(join(ROOT, source))
  return hash.digest('hex').slice(0, 20)
}

/**
 * `openTestApp()` over a copy of the seeded demo town. Seeding takes seconds and every test file
 * opens its own app, so the first file to seed a given server version keeps a pristine copy
 * (taken before any request) and the others start from a copy of it. Each file still gets its own
 * real SQLite file, and the template is rebuilt whenever any of SOURCES changes. `extra` settings
 * (e.g. WALL_TOKEN) configure the server; they must not change what is seeded.
 */
export async function openSeededApp(extra: Record<string, string> = {}): Promise<TestApp> {
  const template = join(TEMPLATES, `${fingerprint()}.db`)
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
  mkdirSync(dirname(template), { recursive: true })
  const partial = `${template}.${randomUUID()}.partial`
  const db = new Database(t.services.env.DB_PATH, { readonly: true })
  try {
    await db.backup(partial)
  } finally {
    db.close()
  }
  // A rename is atomic: a file seeding at the same moment either sees the whole template or none.
  renameSync(partial, template)
  return t
}
