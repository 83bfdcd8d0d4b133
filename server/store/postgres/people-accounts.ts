import type { Person, User } from '../../domain/schemas'
import type { PersonStore, PersonVisit, SessionRow, StoredUser, UserStore } from '../types'
import type { PgSync } from './bridge'
import { type CachingSessionStore, sessionCacheFor } from './session-cache'

const personCols = `id, kind, village_id AS "villageId", name, id_number AS "idNumber", phone, control_level AS "controlLevel", measures`
const personFields = ['id', 'kind', 'villageId', 'name', 'idNumber', 'phone', 'controlLevel', 'measures'] as const
const personTypes = ['int', 'text', 'text', 'text', 'text', 'text', 'text', 'text']
/** Rows per statement of insertMany: one statement binds every column as an array. */
const BATCH = 5_000
const visitCols = `id, person_id AS "personId", date, visitors, note, created_by AS "createdBy", created_at AS "createdAt"`

export function personStore(db: PgSync): PersonStore {
  return {
    insertMany(persons) {
      if (!persons.length) return
      const arrays = personTypes.map((t, i) => `$${i + 1}::${t}[]`).join(', ')
      for (let i = 0; i < persons.length; i += BATCH) {
        const batch = persons.slice(i, i + BATCH)
        db.run(
          `INSERT INTO persons (id, kind, village_id, name, id_number, phone, control_level, measures)
           SELECT id, kind, village_id, name, id_number, phone, control_level, measures
           FROM unnest(${arrays}) WITH ORDINALITY AS r(id, kind, village_id, name, id_number, phone, control_level, measures, n) ORDER BY n`,
          personFields.map((f) => batch.map((p) => p[f])),
        )
      }
      // Explicit ids leave the identity behind: the next insert continues after the highest.
      db.run(`SELECT setval(pg_get_serial_sequence('persons', 'id'), GREATEST((SELECT max(id) FROM persons), 1))`)
    },
    list(villageIds) {
      if (!villageIds) return db.query<Person>(`SELECT ${personCols} FROM persons ORDER BY id`)
      return db.query<Person>(`SELECT ${personCols} FROM persons WHERE village_id = ANY($1::text[]) ORDER BY id`, [villageIds])
    },
    get(id) {
      return db.one<Person>(`SELECT ${personCols} FROM persons WHERE id = $1`, [id])
    },
    countByVillage() {
      const rows = db.query<{ v: string; n: number }>('SELECT village_id AS v, count(*) AS n FROM persons GROUP BY village_id')
      return new Map(rows.map((r) => [r.v, r.n]))
    },
    visits(personId) {
      return db.query<PersonVisit>(`SELECT ${visitCols} FROM person_visits WHERE person_id = $1 ORDER BY date DESC, id DESC`, [personId])
    },
    addVisit(v) {
      return db.one<PersonVisit>(
        `INSERT INTO person_visits (person_id, date, visitors, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${visitCols}`,
        [v.personId, v.date, v.visitors, v.note, v.createdBy, v.createdAt],
      )!
    },
  }
}

const userFields: Array<[string, keyof StoredUser]> = [
  ['id', 'id'], ['username', 'username'], ['name', 'name'], ['role', 'role'], ['area_id', 'areaId'], ['lead_unit', 'leadUnit'], ['password_hash', 'passwordHash'],
]
const userCols = userFields.map(([c, f]) => (c === f ? c : `${c} AS "${f}"`)).join(', ')
/** The same columns of `users u` beside a session's, each under "user.<field>". */
const sessionUserCols = userFields.map(([c, f]) => `u.${c} AS "user.${f}"`).join(', ')

/**
 * The user a session names, read in the session's own round trip: on every request
 * resumeSession reads the session and at once its user (users.byId), two round trips through the
 * bridge otherwise. Kept only for the rest of the synchronous turn that read it (a microtask
 * forgets it), and forgotten at once by any write of users through this connection.
 */
const sessionUsers = new WeakMap<PgSync, Map<number, StoredUser | undefined>>()

function sessionUsersOf(db: PgSync): Map<number, StoredUser | undefined> {
  let users = sessionUsers.get(db)
  if (!users) sessionUsers.set(db, (users = new Map()))
  return users
}

export function userStore(db: PgSync): UserStore {
  const recent = sessionUsersOf(db)
  const cache = sessionCacheFor(db)
  return {
    insert(u) {
      recent.clear()
      return db.one<StoredUser>(
        `INSERT INTO users (username, name, role, area_id, lead_unit, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${userCols}`,
        [u.username, u.name, u.role, u.areaId, u.leadUnit, u.passwordHash, new Date().toISOString()],
      )!
    },
    byUsername(username) {
      return db.one<StoredUser>(`SELECT ${userCols} FROM users WHERE username = $1`, [username])
    },
    byId(id) {
      if (recent.has(id)) return recent.get(id)
      return db.one<StoredUser>(`SELECT ${userCols} FROM users WHERE id = $1`, [id])
    },
    list() {
      return db.query<User>('SELECT id, username, name, role, area_id AS "areaId", lead_unit AS "leadUnit" FROM users ORDER BY id')
    },
    remove(username) {
      recent.clear()
      cache.forgetUsername(username)
      return db.run('DELETE FROM users WHERE username = $1', [username]) > 0
    },
    setPassword(username, passwordHash) {
      recent.clear()
      cache.forgetUsername(username)
      return db.run('UPDATE users SET password_hash = $1 WHERE username = $2', [passwordHash, username]) > 0
    },
  }
}

/**
 * Read on every request: each call is one statement, one round trip (get reads the session's user
 * too), except a get the instance's session cache answers (session-cache.ts: none at all). Every
 * write here forgets what it changes from that cache at once; other instances forget it when the
 * change feed carries it (migration 6).
 */
export function sessionStore(db: PgSync): CachingSessionStore {
  const recent = sessionUsersOf(db)
  const cache = sessionCacheFor(db)
  /** The session's user kept for the rest of this turn, for resumeSession's users.byId. */
  const remember = (userId: number, user: StoredUser | undefined) => {
    if (!recent.size) queueMicrotask(() => recent.clear())
    recent.set(userId, user)
  }
  return {
    cache,
    create(row: SessionRow) {
      db.run('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)', [row.tokenHash, row.userId, row.createdAt, row.lastSeenAt])
    },
    get(tokenHash) {
      const hit = cache.get(tokenHash)
      if (hit) {
        remember(hit.session.userId, hit.user)
        return hit.session
      }
      const row = db.one<Record<string, unknown>>(
        `SELECT s.token_hash AS "tokenHash", s.user_id AS "userId", s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", ${sessionUserCols}
         FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
        [tokenHash],
      )
      if (!row) return undefined
      const session = { tokenHash: row['tokenHash'], userId: row['userId'], createdAt: row['createdAt'], lastSeenAt: row['lastSeenAt'] } as SessionRow
      const user = row['user.id'] === null ? undefined : (Object.fromEntries(userFields.map(([, f]) => [f, row[`user.${f}`]])) as unknown as StoredUser)
      remember(session.userId, user)
      // Not what an open transaction sees: it may yet be rolled back.
      if (user && !db.inTransaction) cache.put(session, user)
      return session
    },
    touch(tokenHash, at) {
      db.run('UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2', [at, tokenHash])
      cache.touched(tokenHash, at)
    },
    delete(tokenHash) {
      cache.forget(tokenHash)
      db.run('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
    },
    deleteForUser(userId) {
      cache.forgetUsers([userId])
      db.run('DELETE FROM sessions WHERE user_id = $1', [userId])
    },
    deleteOlderThan(createdBefore, seenBefore) {
      cache.forgetAll()
      return db.run('DELETE FROM sessions WHERE created_at < $1 OR last_seen_at < $2', [createdBefore, seenBefore])
    },
  }
}
