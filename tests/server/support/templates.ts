/**
 * Seeded demo towns kept as template files, so a test copies a town (milliseconds) instead of
 * seeding one (≈ 2.5 s, more on a busy machine). Used by openSeededApp (API tests, in process)
 * and by the browser harness (a server process per test file).
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
/** What a seeded town is made from: the server's code (seed, migrations, store) and the real inputs in data/. */
const SOURCES = ['server', 'data']
export const TEMPLATES = join(tmpdir(), 'pingan-test-templates')
/** Templates of code no longer checked out are removed once this old, so /tmp does not fill up. */
const STALE_MS = 2 * 24 * 3600_000

/**
 * A digest of every source file and of `settings` (AS_OF, SEED … whatever else decides what is
 * seeded): a template can only be reused while none of them has changed.
 */
export function templateKey(settings: string, sources: readonly string[] = []): string {
  const hash = createHash('sha256').update(settings).update('\0')
  const add = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name))
    else hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0')
  }
  for (const source of [...SOURCES, ...sources]) add(join(ROOT, source))
  return hash.digest('hex').slice(0, 20)
}

/**
 * Keeps a copy of the database at `dbPath` (seeded, no request served yet) as `template`. SQLite's
 * backup reads one consistent state even while a server holds the file open; the rename is atomic,
 * so a test starting at the same moment sees the whole template or none.
 */
export async function keepTemplate(dbPath: string, template: string): Promise<void> {
  mkdirSync(TEMPLATES, { recursive: true })
  const partial = `${template}.${randomUUID()}.partial`
  const db = new Database(dbPath, { readonly: true })
  try {
    await db.backup(partial)
  } finally {
    db.close()
  }
  renameSync(partial, template)
  pruneTemplates()
}

function pruneTemplates(): void {
  const now = Date.now()
  for (const name of readdirSync(TEMPLATES)) {
    const path = join(TEMPLATES, name)
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true })
    } catch {
      // another run removed it first
    }
  }
}
