import type { Decision, SupervisionUnit } from '../../domain/supervision'

/** A listing (挂牌督办) of one hazard, open until the listing unit takes it down (摘牌). Times are ISO instants in UTC. */
export interface SupervisionRecord {
  id: number
  hazardId: number
  listingUnit: SupervisionUnit
  listedBy: string
  listedAt: string
  supervisingUnit: SupervisionUnit
  /** YYYY-MM-DD; moves with a granted extension */
  deadline: string
  reason: string
  closedAt: string | null
  closedBy: string | null
  closeNote: string | null
}

export type NewSupervision = Omit<SupervisionRecord, 'id' | 'closedAt' | 'closedBy' | 'closeNote'>

/** A request to move a hazard's deadline, and the decision on it (null while pending). */
export interface ExtensionRecord {
  id: number
  hazardId: number
  /** the listing open when it was asked, if any */
  supervisionId: number | null
  requestedBy: string
  requestedAt: string
  reason: string
  oldDeadline: string
  newDeadline: string
  decision: Decision | null
  decidedBy: string | null
  decidedAt: string | null
  decisionNote: string | null
}

export type NewExtension = Omit<ExtensionRecord, 'id' | 'decision' | 'decidedBy' | 'decidedAt' | 'decisionNote'>

/** Which listings to read; every bound optional, instants as ISO text in UTC, days as YYYY-MM-DD. */
export interface SupervisionFilter {
  state?: 'open' | 'closed'
  /** listed or closed within [from, to) — a month's listings as the bulletin shows them */
  eventsFrom?: string
  eventsTo?: string
  /** the listing's deadline within [deadlineFrom, deadlineTo], both inclusive */
  deadlineFrom?: string
  deadlineTo?: string
}

export interface SupervisionStore {
  insert(row: NewSupervision): SupervisionRecord
  get(id: number): SupervisionRecord | undefined
  /** The hazard's open listing, if it has one. */
  openFor(hazardId: number): SupervisionRecord | undefined
  /** Every listing of the hazard, newest first. */
  forHazard(hazardId: number): SupervisionRecord[]
  /** Listings by the filter, newest listed first. */
  list(filter: SupervisionFilter): SupervisionRecord[]
  setDeadline(id: number, deadline: string): void
  /** Takes an open listing down; false when it was already closed. */
  close(id: number, closedAt: string, closedBy: string, note: string): boolean
  insertExtension(row: NewExtension): ExtensionRecord
  extension(id: number): ExtensionRecord | undefined
  /** The hazard's extension requests, newest first. */
  extensionsOf(hazardId: number): ExtensionRecord[]
  /** The requests of many hazards, newest first. */
  extensionsOfMany(hazardIds: readonly number[]): ExtensionRecord[]
  /** Records the decision on a pending request; false when it was decided already. */
  decide(id: number, decision: Decision, decidedBy: string, decidedAt: string, note: string): boolean
}
