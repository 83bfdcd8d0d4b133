import { existsSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { readEnv } from '../env'
import { backupPostgres } from './backup-postgres'
import { backupSqlite } from './backup-sqlite'

/**
 * `npm run backup -- --out FILE`: one consistent archive of everything a town's server keeps — the
 * ledger, its audit log and the photos — taken while the server keeps writing. SQLite: a SQLite
 * file holding the photos too (backup-sqlite.ts); PostgreSQL: `pg_dump -Fc` of DATABASE_URL, where
 * the photos are (backup-postgres.ts). An existing FILE is never overwritten; the archive is
 * written to FILE.partial and appears under its name only whole. `npm run restore -- FILE` puts it
 * back (server/cli/restore.ts).
 */
const usage = 'npm run backup -- --out FILE   (DB_PATH and VAR_DIR, or STORE=postgres and DATABASE_URL, as the server uses them)'
const usageError = (): never => {
  console.error(usage)
  process.exit(2)
}
let given: string | undefined
try {
  given = parseArgs({ options: { out: { type: 'string' } } }).values.out
} catch {
  usageError()
}
const env = readEnv()
const out = resolve(given ?? usageError())
if (existsSync(out)) {
  console.error(`${out} exists; choose a new name (a backup never overwrites one).`)
  process.exit(2)
}
const partial = `${out}.partial`
rmSync(partial, { force: true })
try {
  console.log(env.STORE === 'postgres' ? backupPostgres(env.DATABASE_URL!, out, partial) : backupSqlite(env, out, partial))
} catch (err) {
  rmSync(partial, { force: true })
  console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
