import type Database from 'better-sqlite3'
import { auditHash } from './audit'
import { registerTextFunctions } from './text-search'

/**
 * Versioned migrations, applied in order inside one transaction each. Never edit a released
 * migration: add the next one. `PRAGMA user_version` records how far a database has come.
 */
export const migrations: readonly string[] = [
  /* 1: the geography, the ledger, people and sessions */ `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

  CREATE TABLE areas (
    id TEXT PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, full_name TEXT,
    level TEXT NOT NULL, parent_id TEXT REFERENCES areas(id),
    population INTEGER, households INTEGER,
    label_lon REAL NOT NULL, label_lat REAL NOT NULL,
    min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
    geometry TEXT NOT NULL, ord INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX areas_level ON areas(level, ord);
  CREATE INDEX areas_parent ON areas(parent_id);

  CREATE TABLE basemap (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, geometry TEXT NOT NULL
  ) STRICT;

  CREATE TABLE sites (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    area_id TEXT NOT NULL REFERENCES areas(id), village_id TEXT NOT NULL REFERENCES areas(id),
    lon REAL NOT NULL, lat REAL NOT NULL,
    responsible_name TEXT NOT NULL, responsible_phone TEXT NOT NULL, measures TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sites_kind ON sites(kind);
  CREATE INDEX sites_village ON sites(village_id);

  CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, goal TEXT NOT NULL, deadline TEXT NOT NULL,
    category TEXT, created_by TEXT NOT NULL, created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE hazards (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, title TEXT NOT NULL, description TEXT NOT NULL,
    category TEXT NOT NULL, item TEXT NOT NULL, status TEXT NOT NULL, level TEXT, source TEXT NOT NULL,
    lon REAL NOT NULL, lat REAL NOT NULL,
    area_id TEXT NOT NULL REFERENCES areas(id), village_id TEXT NOT NULL REFERENCES areas(id),
    district_id TEXT NOT NULL REFERENCES areas(id), town_id TEXT NOT NULL REFERENCES areas(id),
    site_id TEXT REFERENCES sites(id), discovered_at TEXT NOT NULL, reported_by TEXT NOT NULL,
    measures TEXT, lead_unit TEXT NOT NULL, responsible_unit TEXT, responsible_person TEXT,
    deadline TEXT, handling_level TEXT, escalated INTEGER NOT NULL DEFAULT 0,
    rectified_at TEXT, closed_at TEXT, campaign_id INTEGER REFERENCES campaigns(id),
    version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX hazards_discovered ON hazards(discovered_at DESC, id DESC);
  CREATE INDEX hazards_village ON hazards(village_id, discovered_at);
  CREATE INDEX hazards_district ON hazards(district_id, discovered_at);
  CREATE INDEX hazards_area ON hazards(area_id);
  CREATE INDEX hazards_category ON hazards(category, item, status);
  CREATE INDEX hazards_status ON hazards(status, deadline);
  CREATE INDEX hazards_level ON hazards(level);
  CREATE INDEX hazards_source ON hazards(source);
  CREATE INDEX hazards_campaign ON hazards(campaign_id) WHERE campaign_id IS NOT NULL;

  CREATE TABLE hazard_events (
    id INTEGER PRIMARY KEY, hazard_id INTEGER NOT NULL REFERENCES hazards(id),
    at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, note TEXT,
    from_status TEXT, to_status TEXT NOT NULL
  ) STRICT;
  CREATE INDEX hazard_events_hazard ON hazard_events(hazard_id, id);

  CREATE TABLE inspections (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, area_id TEXT NOT NULL REFERENCES areas(id),
    village_id TEXT REFERENCES areas(id), district_id TEXT REFERENCES areas(id),
    date TEXT NOT NULL, inspectors TEXT NOT NULL, checked TEXT NOT NULL, findings TEXT,
    hazards_found INTEGER NOT NULL DEFAULT 0, created_by TEXT NOT NULL
  ) STRICT;
  CREATE INDEX inspections_date ON inspections(date);
  CREATE INDEX inspections_village ON inspections(village_id, date);

  CREATE TABLE persons (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, village_id TEXT NOT NULL REFERENCES areas(id),
    name TEXT NOT NULL, id_number TEXT NOT NULL, phone TEXT NOT NULL,
    control_level TEXT NOT NULL, measures TEXT NOT NULL
  ) STRICT;
  CREATE INDEX persons_village ON persons(village_id);

  CREATE TABLE users (
    id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
    area_id TEXT REFERENCES areas(id), lead_unit TEXT, password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE audit (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, username TEXT NOT NULL, action TEXT NOT NULL,
    target TEXT NOT NULL, reason TEXT
  ) STRICT;
  `,
  /* 2: photos, notifications, frozen monthly bulletins */ `
  CREATE TABLE photos (
    id INTEGER PRIMARY KEY, hazard_id INTEGER NOT NULL REFERENCES hazards(id),
    stage TEXT NOT NULL, mime TEXT NOT NULL, bytes INTEGER NOT NULL,
    width INTEGER NOT NULL, height INTEGER NOT NULL, file TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL, created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX photos_hazard ON photos(hazard_id, id);

  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY, username TEXT NOT NULL, hazard_id INTEGER REFERENCES hazards(id),
    message TEXT NOT NULL, created_at TEXT NOT NULL, read_at TEXT
  ) STRICT;
  CREATE INDEX notifications_user ON notifications(username, id DESC);

  CREATE TABLE bulletins (
    month TEXT PRIMARY KEY, generated_at TEXT NOT NULL, body TEXT NOT NULL
  ) STRICT;

  CREATE INDEX hazard_events_action ON hazard_events(action, at) WHERE action = 'escalate';
  `,
  /* 3: compact seeded histories (server/store/history.ts), read before a hazard's hazard_events rows */ `
  -- apart from hazards, so scans of the ledger (the index at start, index builds) read no history
  CREATE TABLE hazard_histories (
    hazard_id INTEGER PRIMARY KEY REFERENCES hazards(id), events BLOB NOT NULL
  ) STRICT;

  -- the escalations inside those histories, for the bulletins (which read hazard_events' too)
  CREATE TABLE history_escalations (
    hazard_id INTEGER NOT NULL REFERENCES hazards(id), at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX history_escalations_hazard ON history_escalations(hazard_id);
  `,
  /* 4: visits to key persons (走访记录): who went, when, what was found and done */ `
  CREATE TABLE person_visits (
    id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES persons(id),
    date TEXT NOT NULL, visitors TEXT NOT NULL, note TEXT NOT NULL,
    created_by TEXT NOT NULL, created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX person_visits_person ON person_visits(person_id, date);
  `,
  /* 5: the audit log becomes append-only and tamper-evident: each row carries the hash of the one before (store/sqlite/audit.ts) */ `
  ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
  ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
  -- chain the rows already there, oldest first (pingan_audit_hash is registered by migrate())
  CREATE TEMP TABLE audit_chain AS
    WITH RECURSIVE chain(id, prev, hash) AS (
      SELECT 0, NULL, '${'0'.repeat(64)}'
      UNION ALL
      SELECT a.id, chain.hash, pingan_audit_hash(a.id, a.at, a.username, a.action, a.target, a.reason, chain.hash)
      FROM chain JOIN audit a ON a.id = (SELECT min(id) FROM audit WHERE id > chain.id)
    )
    SELECT id, prev, hash FROM chain WHERE id > 0;
  UPDATE audit SET prev_hash = c.prev, hash = c.hash FROM audit_chain c WHERE c.id = audit.id;
  DROP TABLE audit_chain;
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  -- a row must follow the newest one: next id, and that row's hash as its prev_hash
  CREATE TRIGGER audit_chained BEFORE INSERT ON audit
    WHEN NEW.id IS NOT coalesce((SELECT max(id) FROM audit), 0) + 1
      OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '${'0'.repeat(64)}')
  BEGIN SELECT RAISE(ABORT, 'an audit row must be chained to the newest one'); END;
  `,
  /* 6: four eyes and classified inspections (issue 11): a rectification's reason for having no after-photo; an inspection's category */ `
  ALTER TABLE hazard_events ADD COLUMN no_photo_reason TEXT;
  -- NULL: a round of no one category (a village self-check, a concentrated check), read like open text
  ALTER TABLE inspections ADD COLUMN category TEXT;
  `,
  /* 7: the text search's index (server/store/sqlite/text-search.ts), kept by the hazard store in each write's transaction */ `
  CREATE VIRTUAL TABLE hazard_text USING fts5(grams, tokenize = 'ascii', detail = none, content = '', contentless_delete = 1);
  INSERT INTO hazard_text (rowid, grams) SELECT id, hazard_grams(code, title, description) FROM hazards;
  `,
  /* 8: who held which post when (server/domain/posts.ts): records are closed (valid_to), never overwritten */ `
  CREATE TABLE posts (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, place_id TEXT NOT NULL,
    holder_name TEXT NOT NULL, holder_phone TEXT, holder_username TEXT,
    valid_from TEXT NOT NULL, valid_to TEXT CHECK (valid_to IS NULL OR valid_to >= valid_from),
    created_by TEXT NOT NULL, created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX posts_place ON posts(kind, place_id, valid_from);
  `,
  /* 9: accountability (issue 13): a hazard's three times, listed supervision and extensions, a check's site, place and photos, frozen scorecards */ `
  -- 发现 (found), 登记 (reported: on a phone, when it was queued) and received by the server, ISO instants;
  -- discovered_at stays the found day. Rows from before: found at 09:00 of their day, reported and
  -- received when their report event says, else at the same instant.
  ALTER TABLE hazards ADD COLUMN found_at TEXT;
  ALTER TABLE hazards ADD COLUMN reported_at TEXT;
  ALTER TABLE hazards ADD COLUMN received_at TEXT;
  UPDATE hazards SET found_at = discovered_at || 'T09:00:00+08:00';
  UPDATE hazards SET reported_at = coalesce((SELECT min(e.at) FROM hazard_events e WHERE e.hazard_id = hazards.id AND e.action = 'report'), found_at);
  UPDATE hazards SET received_at = reported_at;

  -- 挂牌督办: a major hazard listed by the leader (listing_unit 'town') or a lead unit, with a
  -- supervising unit and a deadline; one open listing per hazard.
  CREATE TABLE supervisions (
    id INTEGER PRIMARY KEY, hazard_id INTEGER NOT NULL REFERENCES hazards(id),
    listing_unit TEXT NOT NULL, listed_by TEXT NOT NULL, listed_at TEXT NOT NULL,
    supervising_unit TEXT NOT NULL, deadline TEXT NOT NULL, reason TEXT NOT NULL,
    closed_at TEXT, closed_by TEXT, close_note TEXT
  ) STRICT;
  CREATE UNIQUE INDEX supervisions_open ON supervisions(hazard_id) WHERE closed_at IS NULL;
  CREATE INDEX supervisions_listed ON supervisions(listed_at);

  -- A responsible unit's request to move a deadline, and the decision on it (granted or refused).
  CREATE TABLE extensions (
    id INTEGER PRIMARY KEY, hazard_id INTEGER NOT NULL REFERENCES hazards(id),
    supervision_id INTEGER REFERENCES supervisions(id),
    requested_by TEXT NOT NULL, requested_at TEXT NOT NULL, reason TEXT NOT NULL,
    old_deadline TEXT NOT NULL, new_deadline TEXT NOT NULL CHECK (new_deadline > old_deadline),
    decision TEXT CHECK (decision IS NULL OR decision IN ('granted', 'refused')),
    decided_by TEXT, decided_at TEXT, decision_note TEXT
  ) STRICT;
  CREATE INDEX extensions_hazard ON extensions(hazard_id, id);

  -- A check record (排查记录) may name the key site it checked and where it stood; "nothing found" is a record too.
  ALTER TABLE inspections ADD COLUMN site_id TEXT REFERENCES sites(id);
  ALTER TABLE inspections ADD COLUMN lon REAL;
  ALTER TABLE inspections ADD COLUMN lat REAL;
  ALTER TABLE inspections ADD COLUMN created_at TEXT;
  CREATE INDEX inspections_site ON inspections(site_id, date) WHERE site_id IS NOT NULL;
  CREATE TABLE inspection_photos (
    id INTEGER PRIMARY KEY, inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    mime TEXT NOT NULL, bytes INTEGER NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,
    file TEXT NOT NULL UNIQUE, created_by TEXT NOT NULL, created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX inspection_photos_inspection ON inspection_photos(inspection_id, id);

  -- A month's scorecards as published with its bulletin: frozen, never recomputed in place.
  CREATE TABLE scorecards (
    month TEXT PRIMARY KEY, frozen_at TEXT NOT NULL, body TEXT NOT NULL
  ) STRICT;
  `,
  /* 10: early warning (issue 14): warnings, their actions (the lifecycle's history), the seasonal calendar's versions; a notification may name a warning */ `
  -- One warning per finding (key: detector, area, category, item) while open. area and signal are
  -- JSON (domain/warnings/model.ts SignalArea, Signal as issued); days are YYYY-MM-DD, instants ISO.
  CREATE TABLE warnings (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, key TEXT NOT NULL, detector TEXT NOT NULL,
    level TEXT NOT NULL, detected_level TEXT NOT NULL, status TEXT NOT NULL,
    category TEXT, item TEXT, area TEXT NOT NULL, signal TEXT NOT NULL,
    rule_id TEXT NOT NULL, rule_version TEXT NOT NULL,
    responsible_kind TEXT NOT NULL, responsible_id TEXT NOT NULL,
    issued_at TEXT NOT NULL, issued_on TEXT NOT NULL, response_deadline TEXT NOT NULL,
    last_fired_on TEXT NOT NULL, lift_proposed INTEGER NOT NULL DEFAULT 0,
    lifted_at TEXT, lift_reason TEXT
  ) STRICT;
  CREATE INDEX warnings_key ON warnings(key, id);
  CREATE UNIQUE INDEX warnings_open_key ON warnings(key) WHERE status <> 'lifted';
  CREATE INDEX warnings_issued ON warnings(issued_on, id);

  -- What happened to a warning, oldest first: the system's issue, refire and propose_lift, and the
  -- users' actions. on_day is the ledger's day it happened (the pinned AS_OF, or the date in China),
  -- so ?asOf= replays a warning's state as it stood that day.
  CREATE TABLE warning_actions (
    id INTEGER PRIMARY KEY, warning_id INTEGER NOT NULL REFERENCES warnings(id),
    at TEXT NOT NULL, on_day TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    from_level TEXT, to_level TEXT, note TEXT,
    hazard_ids TEXT NOT NULL DEFAULT '[]', inspection_ids TEXT NOT NULL DEFAULT '[]'
  ) STRICT;
  CREATE INDEX warning_actions_warning ON warning_actions(warning_id, id);
  CREATE INDEX warning_actions_day ON warning_actions(on_day);

  -- The seasonal calendar (detector 5), one row a version; the newest is in force.
  CREATE TABLE warning_calendars (
    version INTEGER PRIMARY KEY, entries TEXT NOT NULL, reason TEXT NOT NULL,
    updated_by TEXT NOT NULL, updated_at TEXT NOT NULL
  ) STRICT;

  ALTER TABLE notifications ADD COLUMN warning_id INTEGER REFERENCES warnings(id);
  `,
  /* 11: the phone (issue 15): idempotency keys, how a hazard's place was taken, a photo's client id and capture time */ `
  -- One row per (account, Idempotency-Key) whose request succeeded: its route and body's hash and
  -- the answer given, replayed to a resend. Written in the same transaction as what it answers.
  CREATE TABLE idempotency_keys (
    username TEXT NOT NULL, key TEXT NOT NULL, route TEXT NOT NULL, request_hash TEXT NOT NULL,
    status INTEGER NOT NULL, answer TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (username, key)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);

  -- How the location was taken (a GPS fix and its accuracy in metres, a pin and why, typed) — null on older rows.
  ALTER TABLE hazards ADD COLUMN location_accuracy REAL CHECK (location_accuracy IS NULL OR location_accuracy >= 0);
  ALTER TABLE hazards ADD COLUMN location_method TEXT CHECK (location_method IS NULL OR location_method IN ('gps', 'pin', 'typed'));
  ALTER TABLE hazards ADD COLUMN pin_reason TEXT;

  -- A photo's id made on the phone (a resend is recognised) and when it was taken (EXIF, kept before stripping).
  ALTER TABLE photos ADD COLUMN client_id TEXT;
  ALTER TABLE photos ADD COLUMN taken_at TEXT;
  CREATE UNIQUE INDEX photos_client ON photos(created_by, client_id) WHERE client_id IS NOT NULL;
  `,
]

export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number
  // Functions the migrations call (registered on this connection only; no trigger uses them).
  db.function('pingan_audit_hash', { deterministic: true }, (id, at, username, action, target, reason, prev) =>
    auditHash({ id: id as number, at: at as string, username: username as string, action: action as string, target: target as string, reason: reason as string | null }, prev as string),
  )
  registerTextFunctions(db)
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v] as string)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
  return migrations.length
}
