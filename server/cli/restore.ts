import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { readEnv } from '../env'
import { pgRestoreRefusal, restorePostgres } from './restore-postgres'
import { restoreSqlite, sqliteRestoreRefusal } from './restore-sqlite'

/**
 * `npm run restore -- FILE`: puts an archive made by `npm run backup` back into an EMPTY store — an
 * empty DB_PATH and VAR_DIR (restore-sqlite.ts), or with STORE=postgres an empty DATABASE_URL
 * (restore-postgres.ts) — and checks it: every photo row has its bytes, the audit chain is intact.
 * A store that already holds a database is refused (exit 2) and left untouched; a restore that
 * fails its checks exits 1.
 */
const usage = 'npm run restore -- FILE   (into DB_PATH and VAR_DIR, or STORE=postgres DATABASE_URL, which must hold no database yet)'
const fail = (message: string): never => {
  console.error(message)
  process.exit(2)
}
let positionals: string[] = []
try {
  positionals = parseArgs({ allowPositionals: true }).positionals
} catch {
  fail(usage)
}
const file = positionals[0] ? resolve(positionals[0]) : fail(usage)
if (!existsSync(file)) fail(`no archive ${file}`)
const env = readEnv()
const postgres = env.STORE === 'postgres'
let refusal: string | undefined
try {
  refusal = postgres ? pgRestoreRefusal(env.DATABASE_URL!, file) : sqliteRestoreRefusal(env, file)
} catch (err) {
  fail(`cannot reach the store: ${err instanceof Error ? err.message : String(err)}`)
}
if (refusal) fail(refusal)
try {
  console.log(postgres ? restorePostgres(env.DATABASE_URL!, file) : restoreSqlite(env, file))
} catch (err) {
  console.error(`restore failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
