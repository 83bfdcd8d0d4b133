import { createRoute, z } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import type { LiveHello } from '../domain/contract/live'
import { limitsOf, resumeSession } from '../services/auth/sessions'
import type { Sequenced } from '../services/context'
import { ApiError } from '../services/errors'
import { messagesFor } from '../services/live'
import { openStreams } from '../services/streams'
import { router } from './support/router'

export const streamRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/',
    summary: 'Server-Sent Events: hazard (id, status, version) and stats, filtered by what the role may see; the wall gets tallies (counts per village and category) instead. Ends with the session.',
    responses: {
      200: { description: 'an event stream', content: { 'text/event-stream': { schema: z.string() } } },
      429: { description: 'this session has its share of streams open (STREAMS_PER_SESSION)' },
    },
  }),
  (c) => {
    const actor = c.var.actor
    const s = c.var.services
    const token = c.var.sessionToken!
    const heartbeatMs = s.env.STREAM_HEARTBEAT_MS
    let ended = false
    let wake: (() => void) | undefined
    // A logout ends the session's streams at once; the heartbeat notices any other end (expiry,
    // a password changed or an account removed by `npm run user`, from another process).
    const release = openStreams(s).add(token, () => {
      ended = true
      wake?.()
    })
    if (!release)
      throw new ApiError(429, 'too_many_streams', `This session has ${s.env.STREAMS_PER_SESSION} event streams open already; close one (another tab or window) first.`)
    const lastId = Number(c.req.header('last-event-id') ?? NaN)
    return streamSSE(c, async (stream) => {
      const queue: Sequenced[] = []
      const onLive = (e: Sequenced) => {
        queue.push(e)
        wake?.()
      }
      s.live.on('live', onLive)
      stream.onAbort(() => {
        s.live.off('live', onLive)
        wake?.()
      })
      try {
        const hello: LiveHello = { seq: s.live.lastSeq, today: s.today() }
        await stream.writeSSE({ event: 'hello', data: JSON.stringify(hello), retry: 3000 })
        let told = 0
        if (Number.isFinite(lastId)) {
          const missed = s.live.since(lastId)
          // Numbered after what the client has; after a reload, as this instance numbers.
          if (missed) told = lastId
          // Too far behind to replay: tell the client to reload what it shows.
          if (!missed) await stream.writeSSE({ event: 'reload', data: '{}' })
          else queue.unshift(...missed)
        }
        let checkedAt = Date.now()
        while (!stream.aborted && !ended) {
          // Without counting as activity: an open page alone must not keep an idle session alive.
          if (Date.now() - checkedAt >= heartbeatMs) {
            checkedAt = Date.now()
            if (!resumeSession(s.store, token, limitsOf(s.env), checkedAt, { touch: false })) break
          }
          for (const msg of messagesFor(s, actor, queue.splice(0))) {
            // Ids only grow on one connection (EventSource resumes from the last): an event numbered
            // below one already told (several instances' numbering meeting) is told under that one.
            told = Math.max(told, msg.seq)
            await stream.writeSSE({ id: String(told), event: msg.event, data: JSON.stringify(msg.data) })
          }
          // Events that came while writing are sent before waiting.
          if (queue.length) continue
          let timer: ReturnType<typeof setTimeout> | undefined
          const woken = await new Promise<boolean>((resolve) => {
            wake = () => resolve(true)
            timer = setTimeout(() => resolve(false), Math.max(0, checkedAt + heartbeatMs - Date.now()))
          })
          clearTimeout(timer)
          wake = undefined
          if (!woken && !stream.aborted && !ended) await stream.write(': keep-alive\n\n')
        }
      } finally {
        s.live.off('live', onLive)
        release()
      }
    })
  },
)
