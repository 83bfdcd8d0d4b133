import { createRoute, z } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import type { Sequenced } from '../services/context'
import { messageFor } from '../services/live'
import { router } from './support/router'
import { actorOf, userOf } from './support/session'

const HEARTBEAT_MS = 15_000

export const streamRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/', summary: 'Server-Sent Events: hazard (id, status, version) and stats, filtered by what the role may see',
    responses: { 200: { description: 'an event stream', content: { 'text/event-stream': { schema: z.string() } } } },
  }),
  (c) => {
    const user = userOf(c)
    const actor = { ...actorOf(user), username: user.username }
    const s = c.var.services
    const lastId = Number(c.req.header('last-event-id') ?? NaN)
    return streamSSE(c, async (stream) => {
      const queue: Sequenced[] = []
      let wake: (() => void) | undefined
      const onLive = (e: Sequenced) => {
        queue.push(e)
        wake?.()
      }
      s.live.on('live', onLive)
      stream.onAbort(() => {
        s.live.off('live', onLive)
        wake?.()
      })
      await stream.writeSSE({ event: 'hello', data: JSON.stringify({ seq: s.live.lastSeq, today: s.today() }), retry: 3000 })
      if (Number.isFinite(lastId)) {
        const missed = s.live.since(lastId)
        // Too far behind to replay: tell the client to reload what it shows.
        if (!missed) await stream.writeSSE({ event: 'reload', data: '{}' })
        else queue.unshift(...missed)
      }
      while (!stream.aborted) {
        while (queue.length) {
          const e = queue.shift()!
          const msg = messageFor(s, actor, e)
          if (msg) await stream.writeSSE({ id: String(e.seq), event: msg.event, data: JSON.stringify(msg.data) })
        }
        await new Promise<void>((resolve) => {
          wake = resolve
          setTimeout(resolve, HEARTBEAT_MS)
        })
        wake = undefined
        if (!queue.length && !stream.aborted) await stream.write(': keep-alive\n\n')
      }
    })
  },
)
