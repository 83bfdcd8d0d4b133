import { openPostgresStore } from '../../../../server/store/postgres'
import { openSqliteStore } from '../../../../server/store/sqlite'

/**
 * Another server instance appending to the audit log: `node --import tsx audit-appender.ts
 * <sqlite|postgres> <file or URL> <tag> <count>` writes `count` entries targeted `<tag>-<n>`.
 */
const [adapter, location, tag, count] = process.argv.slice(2) as [string, string, string, string]
const store = adapter === 'postgres' ? openPostgresStore(location) : openSqliteStore(location)
try {
  for (let n = 0; n < Number(count); n++) store.audit.write({ at: new Date().toISOString(), username: tag, action: 'append', target: `${tag}-${n}`, reason: null })
} finally {
  store.close()
}
