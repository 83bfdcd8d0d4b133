import { writeFileSync } from 'node:fs'
import { openPostgresStore } from '../../../../server/store/postgres'
import { openSqliteStore } from '../../../../server/store/sqlite'

/**
 * A second server process for records-idempotency.test.ts: on the store its environment names
 * (DB_PATH, or STORE=postgres and DATABASE_URL), it says it is about to write (the file argv[2]),
 * then asks for a key under `exclusive` as services/idempotency.ts does and records it unless
 * present. It prints what it read and whether its record was taken, as JSON.
 */
const [marker, username, key] = process.argv.slice(2) as [string, string, string]
const store = process.env['STORE'] === 'postgres' ? openPostgresStore(process.env['DATABASE_URL']!) : openSqliteStore(process.env['DB_PATH']!)
try {
  writeFileSync(marker, 'about to write')
  const outcome = store.idempotency.exclusive(() => {
    const read = store.idempotency.get(username, key)
    const recorded = read ? false : store.idempotency.put({ username, key, route: 'POST /api/hazards', requestHash: 'second', status: 201, answer: '{}', createdAt: new Date().toISOString() })
    return { read: read ?? null, recorded }
  })
  process.stdout.write(JSON.stringify(outcome))
} finally {
  store.close()
}
