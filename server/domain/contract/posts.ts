import { z } from '@hono/zod-openapi'
import { postKindIds } from '../posts'
import { DateSchema } from '../schemas'

/** Posts and who held them when (server/domain/posts.ts): what `/api/posts` takes and answers. */

export const PostKindSchema = z.enum(postKindIds)

/** A place as a post names it: a grid cell, a district, a lead unit or a key site id. */
const PlaceSchema = z.string().trim().min(1).max(40)

export const PostsQuerySchema = z.strictObject({
  kind: PostKindSchema.optional(),
  place: PlaceSchema.optional(),
  /** the day asked about; today (the server's) when left out */
  on: DateSchema.optional(),
  /** also every record of the posts asked about, closed ones included */
  history: z.enum(['true', 'false']).optional(),
})
export type PostsQuery = z.output<typeof PostsQuerySchema>

export const NewPostSchema = z
  .strictObject({
    kind: PostKindSchema,
    place: PlaceSchema,
    holder: z.strictObject({
      name: z.string().trim().min(1).max(40),
      phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'digits, spaces or hyphens').optional(),
      /** the holder's account, when there is one */
      username: z.string().trim().min(1).max(64).optional(),
    }),
    /** the first day the new holder holds the post */
    from: DateSchema,
  })
  .openapi('NewPost')
export type NewPost = z.infer<typeof NewPostSchema>

/** One holder of one post, from one day to another (both inclusive; `to` null while still held). */
export const PostViewSchema = z
  .object({
    id: z.number(),
    kind: PostKindSchema,
    place: z.string(),
    /** the cell's, district's, unit's or site's name */
    placeName: z.string(),
    holder: z.object({
      name: z.string(),
      /** null when there is none, or when this reader may not see phone numbers (see `phonesShown`) */
      phone: z.string().nullable(),
      username: z.string().nullable(),
    }),
    from: DateSchema,
    to: DateSchema.nullable(),
  })
  .openapi('Post')
export type PostView = z.infer<typeof PostViewSchema>

export const PostListSchema = z
  .object({
    on: DateSchema,
    /** whether this reader is shown phone numbers (leader, admin, district) */
    phonesShown: z.boolean(),
    /** who held each post on `on`, by kind and place */
    holders: z.array(PostViewSchema),
    /** with `history=true`: every record of the posts asked about, by kind, place and first day */
    history: z.array(PostViewSchema).optional(),
  })
  .openapi('PostList')
export type PostList = z.infer<typeof PostListSchema>

/** The record opened, and the one it closed (null when the post had no holder). */
export const PostAssignedSchema = z.object({ post: PostViewSchema, closed: PostViewSchema.nullable() }).openapi('PostAssigned')
export type PostAssigned = z.infer<typeof PostAssignedSchema>
