import Database from 'better-sqlite3'
import { readEnv } from '../env'
import { verifyAuditChain } from '../store/sqlite/audit'

/**
 * `npm run audit:verify`: reads the audit log of DB_PATH (read-only, while the server runs) and
 * names the first row that was changed or removed. Exit 0 when the chain is intact, 1 when not,
 * 2 when the database cannot be read. Write the printed head down somewhere else: a later run whose
 * chain no longer reaches it shows that the newest rows were cut off.
 */
const path = readEnv().DB_PATH
let db: Database.Database
try {
  db = new Database(path, { readonly: true, fileMustExist: true })
} catch (err) {
  console.error(`cannot open ${path}: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(2)
}
try {
  const verdict = verifyAuditChain(db)
  if (verdict.ok) {
    console.log(`audit log intact: ${verdict.rows} rows, newest id ${verdict.lastId}, head ${verdict.head}`)
  } else {
    console.error(`audit log broken: ${verdict.problem}; the ${verdict.rows} rows before it are intact`)
    process.exitCode = 1
  }
} finally {
  db.close()
}
