import type { CategoryId } from '../../domain/categories'
import type { Hazard, HazardEvent } from '../../domain/schemas'

/** A hazard to store: everything but what the store assigns (its id, version and, unless imported, its code). */
export type HazardInsert = Omit<Hazard, 'id' | 'code' | 'version'> & { code?: string }
export type HazardPatch = Partial<Omit<Hazard, 'id' | 'code' | 'version'>>
export type NewEvent = Omit<HazardEvent, 'hazardId'>

/**
 * A hazard known only by its day (rows from before the three times, a ledger file's row) was found
 * at 09:00 China time of that day: migration 9's backfill, the store's reading of old rows and the
 * report's default say the same.
 */
export const foundOnDay = (date: string): string => `${date}T09:00:00+08:00`

/** The fields of a hazard the ledger index keeps in memory (services/ledger); everything else stays in the store. */
export type IndexedHazard = Pick<
  Hazard,
  | 'id' | 'areaId' | 'item' | 'status' | 'level' | 'source' | 'discoveredAt' | 'deadline' | 'closedAt' | 'escalated' | 'campaignId' | 'location'
  | 'foundAt' | 'reportedAt' | 'rectifiedAt' | 'siteId'
>

export interface HazardStore {
  /** Hazards with their ids and their events, as records, in one go (tests, loads into a store without BulkLoad). */
  insertMany(hazards: readonly Hazard[], events: readonly HazardEvent[]): void
  insert(hazard: HazardInsert, event: NewEvent): Hazard
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
  /** the id the uploading phone made for it (a resend is recognised by it), unique per account; null when none was given */
  clientId: string | null
  /** when it was taken, as the upload said (the camera's time); null when not given */
  takenAt: string | null
}

export interface PhotoStore {
  /** Throws when the account already stored a photo under the same clientId (nothing written). */
  insert(row: Omit<PhotoRecord, 'id'>): PhotoRecord
  get(id: number): PhotoRecord | undefined
  forHazard(hazardId: number): PhotoRecord[]
  /** The photo an account stored under a client id, on whichever hazard. */
  byClient(createdBy: string, clientId: string): PhotoRecord | undefined
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

export interface LedgerFileStore {
  /** Which of these hazard codes the ledger already holds. */
  existingCodes(codes: readonly string[]): Set<string>
}
