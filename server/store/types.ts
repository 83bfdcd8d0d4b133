import type { AreaStore, BasemapStore, BoundaryStore, SiteStore } from './port/geography'
import type { CampaignStore, HazardStore, LedgerFileStore, PhotoStore } from './port/hazards'
import type { IdempotencyStore } from './port/idempotency'
import type { InspectionStore, PersonStore, SessionStore, UserStore } from './port/people'
import type { AuditStore, BulletinStore, MetaStore, NotificationStore } from './port/records'
import type { PostStore } from './port/posts'
import type { ScorecardStore } from './port/scorecards'
import type { SupervisionStore } from './port/supervision'
import type { WarningStore } from './port/warnings'

export type * from './port/geography'
export type * from './port/hazards'
export type * from './port/idempotency'
export type * from './port/people'
export type * from './port/records'
export type * from './port/posts'
export type * from './port/scorecards'
export type * from './port/supervision'
export type * from './port/warnings'

/**
 * The port every service talks to; SQLite is the first adapter, PostgreSQL/PostGIS the next. It
 * and its parts (server/store/port/) import only the domain. Loading a whole ledger fast is not
 * part of it: an adapter may offer BulkLoad beside it (server/store/bulk-load.ts).
 */
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
  posts: PostStore
  scorecards: ScorecardStore
  supervision: SupervisionStore
  warnings: WarningStore
  idempotency: IdempotencyStore
  /** Runs fn atomically: all of its writes land or none do. */
  transaction<T>(fn: () => T): T
  close(): void
}
