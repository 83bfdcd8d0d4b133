import { createRoute } from '@hono/zod-openapi'
import { NewPostSchema, PostAssignedSchema, PostListSchema, PostsQuerySchema } from '../domain/contract/posts'
import { assignPost, listPosts } from '../services/posts'
import { json, jsonBody, router } from './support/router'

/** Who held which post when: grid workers, district heads, lead units' and key sites' responsible persons. */
export const postRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', summary: 'Who held each post on a date (today unless `on`), and with history=true every record of those posts, within the caller’s reach',
      request: { query: PostsQuerySchema },
      responses: {
        200: json(PostListSchema, 'the holders on the date; phone numbers only for leader, admin and district'),
        400: { description: 'invalid filter, or no such place (details name `place`)' },
        403: { description: 'role may not read posts, or the place is outside its reach' },
      },
    }),
    (c) => c.json(listPosts(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', summary: 'A new holder of a post from a day: the current record is closed the day before (admin only)',
      request: { body: jsonBody(NewPostSchema) },
      responses: {
        201: json(PostAssignedSchema, 'the record opened and the one closed'),
        400: { description: 'invalid, or no such place or account (details name the field)' },
        403: { description: 'not the administrator' },
        422: { description: '`from` is not after the current holder’s first day' },
      },
    }),
    (c) => c.json(assignPost(c.var.services, c.var.actor, c.req.valid('json')), 201),
  )
