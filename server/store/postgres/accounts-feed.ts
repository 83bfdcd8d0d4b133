/**
 * Migration 6: the change feed tells every instance which accounts' sessions to forget (issue 16).
 * Each instance keeps the sessions it resumed in memory (session-cache.ts), so a session ended or
 * an account changed elsewhere — a logout or a password reset on another instance, `npm run user`,
 * the expiry sweep, plain SQL — must reach it as the other changes do: one change-log entry with
 * subject `accounts` and the ids of the users concerned, per statement that
 *   - deletes sessions (ids: their users),
 *   - updates or deletes users (password, role, area, lead unit, removal; ids: those users),
 *   - truncates either table (no ids: forget every account).
 * Not on a session's insert (a new session is in no cache) nor on its `last_seen_at` touch (once a
 * minute per active session: it would flood the feed, and no cache needs it).
 *
 * As for every other subject, the BEFORE trigger takes the feed's counter (change_feed_lock) before
 * the statement locks any row, so a writer of sessions and a writer of hazards meet on the counter
 * first and cannot deadlock on each other's rows; a statement that deletes nothing logs nothing.
 * A removed user's sessions go by ON DELETE CASCADE, whose delete fires the sessions' triggers too.
 */
export const accountsFeedSchema = `
CREATE FUNCTION change_feed_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_ids INTEGER[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM change_feed_append('accounts', '{}');
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'sessions' THEN
    SELECT array_agg(DISTINCT user_id ORDER BY user_id) INTO changed_ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT id ORDER BY id) INTO changed_ids FROM old_rows;
  END IF;
  IF changed_ids IS NOT NULL THEN PERFORM change_feed_append('accounts', changed_ids); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sessions_change_lock BEFORE DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_lock();
CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_accounts();
CREATE TRIGGER sessions_truncated AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_accounts();

CREATE TRIGGER users_change_lock BEFORE UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_lock();
-- A trigger with a transition table takes one event: one for updates, one for deletes.
CREATE TRIGGER users_updated AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_accounts();
CREATE TRIGGER users_deleted AFTER DELETE ON users REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_accounts();
CREATE TRIGGER users_truncated AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_accounts();
`
