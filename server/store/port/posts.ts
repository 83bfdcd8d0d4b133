import type { PostKind } from '../../domain/posts'

/** One holder of one post for a stretch of days (server/domain/posts.ts); never overwritten, only closed. */
export interface PostRecord {
  id: number
  kind: PostKind
  placeId: string
  name: string
  phone: string | null
  /** the holder's account, when there is one */
  username: string | null
  /** first day held, YYYY-MM-DD */
  validFrom: string
  /** last day held, inclusive; null while still held */
  validTo: string | null
  createdBy: string
  createdAt: string
}

export type NewPostRecord = Omit<PostRecord, 'id' | 'validTo'> & { validTo?: string | null }

/** Which posts to read: any kind and place unless narrowed. */
export interface PostFilter {
  kind?: PostKind
  placeIds?: readonly string[]
}

export interface PostStore {
  insert(row: NewPostRecord): PostRecord
  /** Sets a record's last day; the only change a record ever takes. */
  close(id: number, validTo: string): void
  /** Every record of the posts named, by kind, place and first day. */
  list(filter: PostFilter): PostRecord[]
  /** The records in force on a date (both ends inclusive), by kind and place. */
  holdersOn(date: string, filter: PostFilter): PostRecord[]
}
