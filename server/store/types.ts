import type { AreaLevel } from '../domain/areas'
import type { Area, Hazard, HazardEvent, Inspection, Person, Site, User } from '../domain/schemas'
import type { IndexedHazard } from '../services/ledger/columns'
import type { Role } from '../domain/roles'
import type { CategoryId, LeadUnitId } from '../domain/categories'

/** An area with its shape, as stored. */
export interface AreaRecord extends Area {
  fullName: string | null
  label: [number, number]
  bbox: [number, number, number, number]
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
}

export interface BasemapRecord {
  id: string
  kind: 'main_road' | 'road' | 'river' | 'reservoir'
  name: string
  geometry: GeoJSON.Geometry
}

/** A new hazard: everything but what the store assigns. */
export type NewHazard = Omit<Hazard, 'id' | 'code' | 'version'> & { code?: string }
export type HazardPatch = Partial<Omit<Hazard, 'id' | 'code' | 'version'>>
export type NewEvent = Omit<HazardEvent, 'hazardId'>
export type NewInspection = Omit<Inspection, 'id'> & { createdBy: string }

export interface StoredUser extends User {
  passwordHash: string
}
export interface NewUser {
  username: string
  name: string
  role: Role
  areaId: string | null
  leadUnit: LeadUnitId | null
  passwordHash: string
}

export interface SessionRow {
  tokenHash: string
  userId: number
  createdAt: number
  lastSeenAt: number
}

export interface AuditEntry {
  at: string
  username: string
  action: string
  target: string
  reason: string | null
}

export interface AreaStore {
  insertMany(areas: readonly AreaRecord[]): void
  list(level?: AreaLevel): AreaRecord[]
  get(id: string): AreaRecord | undefined
  count(): number
}

export interface BasemapStore {
  insertMany(features: readonly BasemapRecord[]): void
  list(): BasemapRecord[]
}

export interface SiteStore {
  insertMany(sites: readonly Site[]): void
  list(filter?: { kind?: string[]; villageIds?: string[] }): Site[]
  get(id: string): Site | undefined
}

/**
 * A bulk-loaded hazard as a flat run of values, in this order: no object per hazard or per event
 * when the seed loads millions. `escalated` is 0 or 1, `lon`/`lat` the location.
 */
export const bulkHazardFields = [
  'id', 'code', 'title', 'description', 'category', 'item', 'status', 'level', 'source', 'areaId', 'villageId',
  'districtId', 'townId', 'siteId', 'discoveredAt', 'reportedBy', 'measures', 'leadUnit', 'responsibleUnit',
  'responsiblePerson', 'deadline', 'handlingLevel', 'escalated', 'rectifiedAt', 'closedAt', 'campaignId', 'version',
  'updatedAt', 'lon', 'lat',
] as const
export const BULK_HAZARD_WIDTH = bulkHazardFields.length

/**
 * Where a bulk load writes its hazards: push one hazard's values (bulkHazardFields) onto `values`,
 * then call next() with its events as one compact blob (server/store/history.ts).
 */
export interface HazardSink {
  readonly values: unknown[]
  next(history: Uint8Array): void
  /** An escalation inside a history, for the bulletins' index of them. */
  escalation(hazardId: number, at: string): void
}

export interface HazardBulkWriter extends HazardSink {
  /** Writes what is pending; the writer is done. */
  end(): void
  /** milliseconds spent in the store so far */
  readonly storeMs: number
}

export interface HazardStore {
  /** Bulk load for the seed and imports: hazards with their ids and their events, in one go. */
  insertMany(hazards: readonly Hazard[], events: readonly HazardEvent[]): void
  /** Bulk load of flat rows with compact histories (the demo seed): many hazards a statement. */
  bulkWriter(): HazardBulkWriter
  insert(hazard: NewHazard, event: NewEvent): Hazard
  /** Applies a change only if the stored version is `version`; undefined when it is stale. */
  update(id: number, version: number, patch: HazardPatch, event: NewEvent): Hazard | undefined
  get(id: number): Hazard | undefined
  /** Rows for ids, in the order given; ids that do not exist are left out. */
  getMany(ids: readonly number[]): Hazard[]
  /** A hazard's events, oldest first: those of its compact history, then those recorded since. */
  events(id: number): HazardEvent[]
  /** Every hazard in the compact form the ledger index holds. */
  scanIndexed(): IterableIterator<IndexedHazard>
  /** Ids whose code, title or description contain the text; hidden items match by code only. */
  searchText(q: string, hiddenItems: readonly string[]): Set<number>
  count(): number
}

export interface InspectionStore {
  insertMany(rows: readonly (Inspection & { createdBy: string })[]): void
  insert(row: NewInspection): Inspection
  list(filter: { villageIds?: string[]; categories?: string[]; from?: string; to?: string; source?: string[]; limit?: number }): Inspection[]
  /** Per village: its inspections of the given sources between two dates, and the last date. */
  perVillage(from: string, to: string, sources: readonly string[]): Map<string, { count: number; last: string }>
}

export interface PersonStore {
  insertMany(persons: readonly Person[]): void
  list(villageIds?: readonly string[]): Person[]
  get(id: number): Person | undefined
  countByVillage(): Map<string, number>
  /** A person's visit records (走访记录), newest first. */
  visits(personId: number): PersonVisit[]
  addVisit(visit: Omit<PersonVisit, 'id'>): PersonVisit
}

/** One visit to a key person: who went, when, and what was found or done. */
export interface PersonVisit {
  id: number
  personId: number
  date: string
  visitors: string
  note: string
  createdBy: string
  createdAt: string
}

export interface UserStore {
  insert(user: NewUser): StoredUser
  byUsername(username: string): StoredUser | undefined
  byId(id: number): StoredUser | undefined
  list(): User[]
  remove(username: string): boolean
  setPassword(username: string, passwordHash: string): boolean
}

export interface SessionStore {
  create(row: SessionRow): void
  get(tokenHash: string): SessionRow | undefined
  touch(tokenHash: string, at: number): void
  delete(tokenHash: string): void
  deleteForUser(userId: number): void
  deleteOlderThan(createdBefore: number, seenBefore: number): number
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

export interface MetaStore {
  get(key: string): string | undefined
  set(key: string, value: string): void
}

/** A photo's row; the image itself lies in VAR_DIR/photos/<file>, a name the server made. */
export interface PhotoRecord {
  id: number
  hazardId: number
  stage: 'found' | 'rectified'
  mime: 'image/jpeg' | 'image/png' | 'image/webp'
  bytes: number
  width: number
  height: number
  file: string
  createdBy: string
  createdAt: string
}

export interface PhotoStore {
  insert(row: Omit<PhotoRecord, 'id'>): PhotoRecord
  get(id: number): PhotoRecord | undefined
  forHazard(hazardId: number): PhotoRecord[]
}

export interface NotificationRecord {
  id: number
  username: string
  hazardId: number | null
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

export interface CampaignRecord {
  id: number
  name: string
  goal: string
  deadline: string
  category: CategoryId | null
  createdBy: string
  createdAt: string
}

export interface CampaignStore {
  insert(row: Omit<CampaignRecord, 'id'>): CampaignRecord
  get(id: number): CampaignRecord | undefined
  list(): CampaignRecord[]
  /** Ids of the hazards grouped in a campaign. */
  hazardIds(id: number): number[]
  /** Sets (or clears, with null) the campaign of each hazard; returns how many rows changed. */
  setCampaign(hazardIds: readonly number[], campaignId: number | null): number
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

export interface LedgerFileStore {
  /** Which of these hazard codes the ledger already holds. */
  existingCodes(codes: readonly string[]): Set<string>
}

/** A replaced area shape, with its new label point, box and (possibly new) parent. */
export interface AreaShape {
  id: string
  parentId: string | null
  label: [number, number]
  bbox: [number, number, number, number]
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
}

export interface BoundaryStore {
  replaceShapes(shapes: readonly AreaShape[]): void
  setParents(changes: ReadonlyArray<{ id: string; parentId: string }>): void
  /** Moves hazards to new cells (and their villages and districts); returns how many changed. */
  placeHazards(rows: ReadonlyArray<{ id: number; areaId: string; villageId: string; districtId: string }>): number
  placeSites(rows: ReadonlyArray<{ id: string; areaId: string; villageId: string }>): number
  /** Recomputes each inspection's village and district from its area, after the tree changed. */
  refreshInspections(): void
  /** Every hazard's id, point and current cell. */
  hazardPoints(): Array<{ id: number; location: [number, number]; areaId: string }>
}

/** The port every service talks to; SQLite is the first adapter, PostgreSQL/PostGIS the next. */
export interface Store {
  meta: MetaStore
  areas: AreaStore
  basemap: BasemapStore
  sites: SiteStore
  hazards: HazardStore
  inspections: InspectionStore
  persons: PersonStore
  users: UserStore
  sessions: SessionStore
  audit: AuditStore
  photos: PhotoStore
  notifications: NotificationStore
  campaigns: CampaignStore
  bulletins: BulletinStore
  ledgerFiles: LedgerFileStore
  boundaries: BoundaryStore
  /** Runs fn atomically: all of its writes land or none do. */
  transaction<T>(fn: () => T): T
  /** Speeds a first bulk load (indexes built after, durability restored after). */
  bulkLoad<T>(fn: () => T): T
  close(): void
}
