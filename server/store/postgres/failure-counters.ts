import { createHash } from 'node:crypto'
import type { CountersFactory, FailureCounters } from '../failure-counters'
import type { PgSync } from './bridge'

/** Migration 5: failed logins, counted in the database that every instance shares. */
export const failureCountersSchema = `
CREATE TABLE login_failures (
  kind TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, last BIGINT NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX login_failures_last ON login_failures (kind, last DESC);
`

/**
 * A counter's key as stored: its digest. Keys hold what a stranger typed as a username (any
 * length, even a NUL, which PostgreSQL's text refuses); only their equality matters.
 */
const digest = (key: string) => createHash('sha256').update(key).digest('base64')

/** Every so many failures an instance forgets old counters and cuts the kind to its capacity. */
export const TRIM_EVERY = 100

/**
 * The login throttle's counters as rows: one upsert a failure, so two instances counting the same
 * guesser at once both count. Bounded as the in-memory ones are: counters not failed for
 * `forgetMs` are forgotten, and beyond `capacity` the least recently failed go first.
 */
export function pgFailureCounters(db: PgSync): CountersFactory {
  return (kind, capacity, forgetMs): FailureCounters => {
    let failures = 0
    const trim = (now: number) =>
      db.run(
        `DELETE FROM login_failures WHERE kind = $1 AND (last < $2 OR key IN (
           SELECT key FROM login_failures WHERE kind = $1 ORDER BY last DESC OFFSET $3))`,
        [kind, now - forgetMs, capacity],
      )
    return {
      get: (key, now) =>
        db.one<{ count: number; last: number }>('SELECT count, last FROM login_failures WHERE kind = $1 AND key = $2 AND last >= $3', [kind, digest(key), now - forgetMs]),
      fail(key, now) {
        db.run(
          `INSERT INTO login_failures (kind, key, count, last) VALUES ($1, $2, 1, $3)
           ON CONFLICT (kind, key) DO UPDATE
             SET count = CASE WHEN login_failures.last < $3 - $4 THEN 1 ELSE login_failures.count + 1 END, last = $3`,
          [kind, digest(key), now, forgetMs],
        )
        if (++failures % TRIM_EVERY === 0) trim(now)
      },
      delete: (key) => void db.run('DELETE FROM login_failures WHERE kind = $1 AND key = $2', [kind, digest(key)]),
      get size() {
        return db.value<number>('SELECT count(*) FROM login_failures WHERE kind = $1', [kind]) ?? 0
      },
    }
  }
}
