import { randomUUID } from 'node:crypto'
import type { Store } from '../types'
import type { PgSync } from './bridge'

/** The session setting naming the instance that writes (the log's `origin`). */
export const ORIGIN_SETTING = 'pingan.origin'

/** The channel a commit that changed hazards is announced on (its seq as the payload). */
export const CHANGES_CHANNEL = 'pingan_changes'

/**
 * Migration 2: the change feed several instances on one database follow (issue 16). Every
 * statement that inserts or updates hazards — the port's insert, update and insertMany, the bulk
 * load's COPY, campaigns, boundary moves — appends one (seq, its hazard ids) to change_log in its
 * own transaction, so no write path has to remember to. The seq comes from one counter row,
 * bumped with UPDATE … RETURNING: its row lock is held to commit, so seqs follow commit order with
 * no gaps, and a rollback takes its bump back. A BEFORE trigger takes that lock before the
 * statement locks any hazard, so two writers meet on the counter first instead of deadlocking on
 * one hazard each. pg_notify is delivered at commit, and not at all on rollback.
 *
 * Statement-level: a COPY of 5,000 hazards is one change_log row of 5,000 ids.
 */
export const changeFeedSchema = `
CREATE TABLE change_counter (one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one), seq BIGINT NOT NULL);
INSERT INTO change_counter (seq) VALUES (0);
CREATE TABLE change_log (seq BIGINT PRIMARY KEY, hazard_ids INTEGER[] NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now());

CREATE FUNCTION change_feed_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM change_counter FOR UPDATE;
  RETURN NULL;
END $$;

CREATE FUNCTION change_feed_log() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids INTEGER[];
  next BIGINT;
BEGIN
  SELECT array_agg(DISTINCT id ORDER BY id) INTO ids FROM changed;
  IF ids IS NULL THEN RETURN NULL; END IF;
  UPDATE change_counter SET seq = seq + 1 RETURNING seq INTO next;
  INSERT INTO change_log (seq, hazard_ids) VALUES (next, ids);
  PERFORM pg_notify('${CHANGES_CHANNEL}', next::text);
  RETURN NULL;
END $$;

CREATE TRIGGER hazards_change_lock BEFORE INSERT OR UPDATE ON hazards
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_lock();
-- A trigger with a transition table takes one event: one for inserts, one for updates.
CREATE TRIGGER hazards_inserted AFTER INSERT ON hazards REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_log();
CREATE TRIGGER hazards_updated AFTER UPDATE ON hazards REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_log();
`

/**
 * Migration 4: the change feed carries everything the live stream announces, and who wrote it, so
 * that every instance numbers its stream by the same seqs (a client resumes on any instance from
 * its last event id). Besides hazards it logs notifications inserted, warnings issued and warnings
 * visibly changed (status, level, a lift proposed or withdrawn), and any change of the geography
 * (areas, basemap, sites: followers reload). `origin` is the writing connection's
 * `pingan.origin` setting, which each instance's store sets to its own id: an instance announces
 * its own writes as it makes them, and others' as it follows them.
 */
export const changeFeedSubjectsSchema = `
ALTER TABLE change_log RENAME COLUMN hazard_ids TO ids;
ALTER TABLE change_log ADD COLUMN subject TEXT NOT NULL DEFAULT 'hazards', ADD COLUMN origin TEXT;
ALTER TABLE change_log ALTER COLUMN subject DROP DEFAULT;

CREATE FUNCTION change_feed_append(what TEXT, changed_ids INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  next BIGINT;
BEGIN
  UPDATE change_counter SET seq = seq + 1 RETURNING seq INTO next;
  INSERT INTO change_log (seq, subject, ids, origin) VALUES (next, what, changed_ids, nullif(current_setting('pingan.origin', true), ''));
  PERFORM pg_notify('${CHANGES_CHANNEL}', next::text);
END $$;

CREATE OR REPLACE FUNCTION change_feed_log() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_ids INTEGER[];
BEGIN
  SELECT array_agg(DISTINCT id ORDER BY id) INTO changed_ids FROM changed;
  IF changed_ids IS NOT NULL THEN PERFORM change_feed_append(TG_ARGV[0], changed_ids); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION change_feed_warnings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_ids INTEGER[];
BEGIN
  SELECT array_agg(n.id ORDER BY n.id) INTO changed_ids FROM changed n JOIN before o ON o.id = n.id
    WHERE n.status IS DISTINCT FROM o.status OR n.level IS DISTINCT FROM o.level OR n.lift_proposed IS DISTINCT FROM o.lift_proposed;
  IF changed_ids IS NOT NULL THEN PERFORM change_feed_append('warnings.changed', changed_ids); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION change_feed_geography() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM change_feed_append('geography', '{}');
  RETURN NULL;
END $$;

DROP TRIGGER hazards_inserted ON hazards;
DROP TRIGGER hazards_updated ON hazards;
CREATE TRIGGER hazards_inserted AFTER INSERT ON hazards REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_log('hazards');
CREATE TRIGGER hazards_updated AFTER UPDATE ON hazards REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_log('hazards');

CREATE TRIGGER notifications_change_lock BEFORE INSERT ON notifications
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_lock();
CREATE TRIGGER notifications_inserted AFTER INSERT ON notifications REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_log('notifications');

-- Named to fire after warnings_changed (triggers fire in name order): a writer of warnings takes
-- their own counter (warnings_version, which a check-then-write holds from its read on) before the
-- feed's, in the same order as every transaction does, so two of them cannot deadlock.
CREATE TRIGGER warnings_changed_then_feed_lock BEFORE INSERT OR UPDATE ON warnings
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_lock();
CREATE TRIGGER warnings_inserted AFTER INSERT ON warnings REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_log('warnings.issued');
CREATE TRIGGER warnings_updated AFTER UPDATE ON warnings REFERENCING OLD TABLE AS before NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_warnings_changed();

${['areas', 'sites', 'basemap']
  .map(
    (t) => `CREATE TRIGGER ${t}_change_lock BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t}
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_lock();
CREATE TRIGGER ${t}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t}
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_geography();`,
  )
  .join('\n')}
`

/**
 * What a change log entry is about: the stream's events each instance makes of it, or, for
 * `accounts` (migration 6), no event: the users whose cached sessions each instance forgets.
 */
export type ChangeSubject = 'hazards' | 'notifications' | 'warnings.issued' | 'warnings.changed' | 'geography' | 'accounts'

/** One committed statement's changes. */
export interface Change {
  seq: number
  subject: ChangeSubject
  /** the rows' ids (none for the geography; for accounts the users', none meaning every one) */
  ids: number[]
  /** the instance that wrote it (its store's origin), or null for another program (a CLI, psql) */
  origin: string | null
}

/** A notification as the stream announces it to its addressee. */
export interface NotificationRow {
  id: number
  username: string
  hazardId: number | null
  warningId: number | null
  message: string
}

/** What follows `seq`: the next changes in order, or `stale` when they were pruned (reload). */
export type ChangesAfter = { stale: false; changes: Change[] } | { stale: true }

/**
 * The store's change feed: an optional capability beside the Store port (as BulkLoad is), offered
 * by the PostgreSQL store, where several instances share one database. SQLite is one process and
 * has none.
 */
export interface ChangeFeed {
  /** This store's own id in the change log: its connection writes it as every entry's origin. */
  readonly origin: string
  /** Whether the store's connection is inside a transaction (its changes are not committed yet). */
  readonly inTransaction: boolean
  /** The last committed seq. */
  seq(): number
  /**
   * Runs fn in one repeatable-read, read-only snapshot of the database with the seq that snapshot
   * has seen, so what fn reads (an instance's index) and the seq it goes on from agree exactly.
   * Not inside another transaction.
   */
  snapshot<T>(fn: (seq: number) => T): T
  /** The changes after `seq`, oldest first, at most `limit`; stale when some were pruned. */
  changesAfter(seq: number, limit: number): ChangesAfter
  /** Notifications by id, in id order (the ones that exist). */
  notifications(ids: readonly number[]): NotificationRow[]
  /** Deletes the entries older than `ms` milliseconds; how many. */
  prune(ms: number): number
  /**
   * Ends another connection of this database's server (a follower's LISTEN connection) and waits,
   * up to 5 s, until its process is gone: whoever closes an instance may rename or drop the database next.
   */
  endSession(pid: number): void
}

/** The store's change feed, when it has one. */
export function changeFeedOf(store: Store): ChangeFeed | undefined {
  const candidate = store as Store & { changeFeed?: ChangeFeed }
  return candidate.changeFeed
}

/** A new origin for a store's connection: openPostgresStore gives it as the session's `pingan.origin`. */
export const newOrigin = () => randomUUID()

/** The change feed over a store's connection, whose session setting `pingan.origin` is `origin`. */
export function pgChangeFeed(db: PgSync, origin: string): ChangeFeed {
  const seq = () => db.value<number>('SELECT seq FROM change_counter')!
  return {
    origin,
    get inTransaction() {
      return db.inTransaction
    },
    seq,
    snapshot(fn) {
      if (db.inTransaction) throw new Error('a snapshot must be the outermost transaction')
      return db.transaction(() => {
        db.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
        return fn(seq())
      })
    },
    changesAfter(after, limit) {
      const ends = db.one<{ head: number; oldest: number | null }>('SELECT (SELECT seq FROM change_counter) AS head, (SELECT min(seq) FROM change_log) AS oldest')!
      if (ends.head === after) return { stale: false, changes: [] }
      // Behind the pruned horizon, or ahead of a database that was replaced.
      if (ends.head < after || ends.oldest === null || ends.oldest > after + 1) return { stale: true }
      const rows = db.query<Change>('SELECT seq, subject, ids, origin FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit])
      const changes: Change[] = []
      // Seqs have no gaps (the counter's row lock); should one ever show, stop before it and read again on the next wake-up.
      for (const r of rows) {
        if (r.seq !== after + changes.length + 1) break
        changes.push(r)
      }
      return { stale: false, changes }
    },
    notifications: (ids) =>
      db.query<NotificationRow>(
        'SELECT id, username, hazard_id AS "hazardId", warning_id AS "warningId", message FROM notifications WHERE id = ANY($1::int[]) ORDER BY id',
        [[...ids]],
      ),
    endSession: (pid) => void db.run('SELECT pg_terminate_backend($1, 5000)', [pid]),
    prune: (ms) => db.run("DELETE FROM change_log WHERE at < now() - $1 * interval '1 millisecond'", [ms]),
  }
}
