import Database from 'better-sqlite3'
import { readEnv } from '../env'
import type { AuditVerdict } from '../store/audit-chain'
import { verifyPgAuditChain } from '../store/postgres/audit'
import { type PgSync, openPgSync } from '../store/postgres/bridge'
import { verifyAuditChain } from '../store/sqlite/audit'

/**
 * `npm run audit:verify`: reads the audit log of DB_PATH (read-only, while the server runs), or with
 * STORE=postgres of DATABASE_URL (in one read-only snapshot, while the servers write), and names
 * the first row that was changed or removed. Exit 0 when the chain is intact, 1 when not, 2 when
 * the database cannot be read. Write the printed head down somewhere else: a later run whose chain
 * no longer reaches it shows that the newest rows were cut off.
 */
const env = readEnv()
const where = env.STORE === 'postgres' ? 'the PostgreSQL database' : env.DB_PATH
const cannotOpen = (err: unknown) => new Error(`cannot open ${where}: ${err instanceof Error ? err.message : String(err)}`)

/** The verdict of the configured store's chain; throws when it cannot be read. */
function verify(): AuditVerdict {
  if (env.STORE === 'postgres') {
    let db: PgSync
    try {
      db = openPgSync(env.DATABASE_URL!, 'pingan-audit-verify')
    } catch (err) {
      throw cannotOpen(err)
    }
    try {
      return db.transaction(() => {
        db.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
        return verifyPgAuditChain(db)
      })
    } finally {
      db.close()
    }
  }
  let db: Database.Database
  try {
    db = new Database(env.DB_PATH, { readonly: true, fileMustExist: true })
  } catch (err) {
    throw cannotOpen(err)
  }
  try {
    return verifyAuditChain(db)
  } finally {
    db.close()
  }
}

let verdict: AuditVerdict
try {
  verdict = verify()
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(2)
}
if (verdict.ok) {
  console.log(`audit log intact: ${verdict.rows} rows, newest id ${verdict.lastId}, head ${verdict.head}`)
} else {
  console.error(`audit log broken: ${verdict.problem}; the ${verdict.rows} rows before it are intact`)
  process.exitCode = 1
}
