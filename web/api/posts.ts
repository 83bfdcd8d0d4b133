import type { NewPost, PostAssigned, PostList } from '../../server/domain/contract/posts'
import type { PostKind } from '../../server/domain/posts'
import { api, call } from './client'

export type { NewPost, PostAssigned, PostList, PostView } from '../../server/domain/contract/posts'
export type { PostKind } from '../../server/domain/posts'

/** `GET /api/posts?kind=&on=&history=true` — who held each post of a kind on a date, and every record of those posts. */
export function fetchPosts(kind: PostKind, on: string): Promise<PostList> {
  return call(api.posts.$get({ query: { kind, on, history: 'true' } }))
}

/** `POST /api/posts` (admin) — a new holder from a date: the current record is closed the day before. */
export function assignPost(body: NewPost): Promise<PostAssigned> {
  return call(api.posts.$post({ json: body }))
}
