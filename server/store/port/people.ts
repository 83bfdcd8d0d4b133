import type { LeadUnitId } from '../../domain/categories'
import type { CheckRecord } from '../../domain/check-plans'
import type { Role } from '../../domain/roles'
import type { Inspection, Person, User } from '../../domain/schemas'

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

export interface UserStore {
  insert(user: NewUser): StoredUser
  byUsername(username: string): StoredUser | undefined
  byId(id: number): StoredUser | undefined
  list(): User[]
  remove(username: string): boolean
  setPassword(username: string, passwordHash: string): boolean
}

export interface SessionRow {
  tokenHash: string
  userId: number
  createdAt: number
  lastSeenAt: number
}

export interface SessionStore {
  create(row: SessionRow): void
  get(tokenHash: string): SessionRow | undefined
  touch(tokenHash: string, at: number): void
  delete(tokenHash: string): void
  deleteForUser(userId: number): void
  deleteOlderThan(createdBefore: number, seenBefore: number): number
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

/** An inspection as stored: the record, the key site it names, where it was made, when written and by whom. */
export interface StoredInspection extends Inspection {
  siteId: string | null
  /** where the inspector stood, [lon, lat] */
  location: [number, number] | null
  /** when the record was written (ISO); null for records older than the field */
  createdAt: string | null
  createdBy: string
  /** the village and district it was recorded for (null above the level) */
  villageId: string | null
  districtId: string | null
}

export type NewInspection = Omit<Inspection, 'id'> & { createdBy: string; siteId?: string | null; location?: [number, number] | null; createdAt?: string | null }

/** A photo of an inspection; the file lies beside the hazards' photos (VAR_DIR/photos). */
export interface InspectionPhotoRecord {
  id: number
  inspectionId: number
  mime: 'image/jpeg' | 'image/png' | 'image/webp'
  bytes: number
  width: number
  height: number
  file: string
  createdBy: string
  createdAt: string
}

export interface InspectionStore {
  insertMany(rows: readonly (NewInspection & { id: number })[]): void
  insert(row: NewInspection): StoredInspection
  get(id: number): StoredInspection | undefined
  list(filter: { villageIds?: string[]; categories?: string[]; from?: string; to?: string; source?: string[]; limit?: number }): StoredInspection[]
  /** Per village: its inspections of the given sources between two dates, and the last date. */
  perVillage(from: string, to: string, sources: readonly string[]): Map<string, { count: number; last: string }>
  /** Every inspection dated between two dates, as check plans read it: with its village, district, site and recording lead unit. */
  checkRecords(from: string, to: string): CheckRecord[]
  insertPhoto(row: Omit<InspectionPhotoRecord, 'id'>): InspectionPhotoRecord
  photo(id: number): InspectionPhotoRecord | undefined
  /** Every inspection photo's row, oldest first (the demo's are made again when their files are missing). */
  allPhotos(): InspectionPhotoRecord[]
  /** The photos of some inspections, oldest first, by inspection. */
  photosOf(inspectionIds: readonly number[]): Map<number, InspectionPhotoRecord[]>
}
