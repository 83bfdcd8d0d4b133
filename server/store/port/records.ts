export interface MetaStore {
  get(key: string): string | undefined
  set(key: string, value: string): void
}

export interface AuditEntry {
  at: string
  username: string
  action: string
  target: string
  reason: string | null
}

/** A stored audit row: the entry, its place in the log and its link in the hash chain. */
export interface AuditRow extends AuditEntry {
  id: number
  hash: string
}

/** A page of the log, newest first: at bounds are ISO instants (from inclusive, to exclusive). */
export interface AuditQuery {
  username?: string
  action?: string
  fromAt?: string
  toAt?: string
  /** rows older than this id (the next page) */
  beforeId?: number
  limit: number
}

/** The audit log: append-only (triggers refuse UPDATE and DELETE) and hash-chained. */
export interface AuditStore {
  /** Appends one entry, chained to the newest row; the only way rows get in. */
  write(entry: AuditEntry): void
  list(limit: number): AuditEntry[]
  query(q: AuditQuery): Array<Omit<AuditRow, 'hash'>>
  /** How many entries of this user and action since an instant (ISO). */
  count(username: string, action: string, fromAt: string): number
}

export interface NotificationRecord {
  id: number
  username: string
  hazardId: number | null
  /** the warning (预警) it is about, if any */
  warningId?: number | null
  message: string
  createdAt: string
  readAt: string | null
}

export interface NotificationStore {
  insert(row: Omit<NotificationRecord, 'id' | 'readAt'>): NotificationRecord
  /** The user's notifications, newest first. */
  list(username: string, opts: { unreadOnly?: boolean; limit: number }): NotificationRecord[]
  unreadCount(username: string): number
  /** Marks one of the user's own notifications read; undefined when it is not theirs. */
  markRead(id: number, username: string, at: string): NotificationRecord | undefined
  markAllRead(username: string, at: string): number
}

export interface BulletinRecord {
  month: string
  generatedAt: string
  body: string
}

export interface BulletinStore {
  get(month: string): BulletinRecord | undefined
  /** Stores the month's bulletin unless one is already stored; returns the stored one either way. */
  freeze(row: BulletinRecord): BulletinRecord
  /** Escalation events between two instants (ISO, inclusive), oldest first. */
  escalations(fromIso: string, toIso: string): Array<{ hazardId: number; at: string }>
}
