import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
  const template = join(TEMPLATES, `${templateKey(`AS_OF=${AS_OF}`, ['tests/server/support/app.ts'])}.db`)
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
