import { accountsFeedSchema } from './accounts-feed'
import type { PgSync } from './bridge'
import { changeFeedSchema, changeFeedSubjectsSchema } from './change-feed'
import { dutiesSchema } from './duties'
import { failureCountersSchema } from './failure-counters'
import { geographySchema } from './geography'
import { hazardSchema } from './hazards'
import { peopleSchema } from './people'
import { photoFilesSchema } from './photo-files'
import { recordsSchema } from './records'

/**
 * Versioned migrations of the PostgreSQL store, applied in order, each in its own transaction,
 * recorded in schema_migrations. Never edit a released migration: add the next one. Migration 1
 * is the schema SQLite reached at its migration 11, in PostgreSQL's terms (PostGIS geometry with
 * GiST indexes, identity ids, bytea photos), written beside each part's adapter.
 */
export const pgMigrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'the schema as of SQLite migration 11',
    sql: [
      'CREATE EXTENSION IF NOT EXISTS postgis;',
      'CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);',
      geographySchema,
      hazardSchema,
      peopleSchema,
      recordsSchema,
      dutiesSchema,
    ].join('\n'),
  },
  { version: 2, name: 'the change feed instances follow', sql: changeFeedSchema },
  { version: 3, name: 'photos\' bytes in the database', sql: photoFilesSchema },
  { version: 4, name: 'the change feed carries notifications, warnings, the geography and who wrote them', sql: changeFeedSubjectsSchema },
  { version: 5, name: 'failed logins counted where every instance counts them', sql: failureCountersSchema },
  { version: 6, name: 'the change feed tells instances which accounts\' cached sessions to forget', sql: accountsFeedSchema },
]

/** Any fixed number: instances starting together migrate one at a time. */
const MIGRATION_LOCK = 7_042_026

/** Brings the database to the latest migration; the version it is at. */
export function migratePg(db: PgSync): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())')
  db.run('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
  try {
    const done = new Set(db.column<number>('SELECT version FROM schema_migrations'))
    for (const m of pgMigrations) {
      if (done.has(m.version)) continue
      db.transaction(() => {
        db.exec(m.sql)
        db.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
      })
    }
    return db.value<number>('SELECT coalesce(max(version), 0) FROM schema_migrations') ?? 0
  } finally {
    db.run('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
  }
}
