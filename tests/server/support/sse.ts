import { expect } from 'vitest'
import type { Client } from './app'

/** One Server-Sent Event as a client reads it. */
export interface SseMessage {
  id?: string
  event: string
  data: Record<string, unknown>
  retry?: number
}

/** An open event stream: the messages so far, and its end. */
export interface OpenSse {
  messages: SseMessage[]
  /** Resolves once a message satisfies `found` (or rejects after `ms`). */
  until(found: (m: SseMessage) => boolean, ms?: number): Promise<SseMessage>
  close(): Promise<void>
}

/** Opens /api/stream as `client` (with extra headers, e.g. last-event-id) and reads it as EventSource would. */
export async function openSse(client: Client, headers: Record<string, string> = {}): Promise<OpenSse> {
  const controller = new AbortController()
  const res = await client.raw('/api/stream', { headers, signal: controller.signal })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
  const reader = res.body!.getReader()
  const messages: SseMessage[] = []
  let buffer = ''
  const decoder = new TextDecoder()
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const m: SseMessage = { event: 'message', data: {} }
        for (const line of block.split('\n')) {
          const [key, ...rest] = line.split(':')
          const value = rest.join(':').trimStart()
          if (key === 'event') m.event = value
          else if (key === 'data') m.data = JSON.parse(value) as Record<string, unknown>
          else if (key === 'id') m.id = value
          else if (key === 'retry') m.retry = Number(value)
        }
        if (block.trim() && !block.startsWith(':')) messages.push(m)
      }
    }
  })()
  return {
    messages,
    async until(found, ms = 5000) {
      const deadline = Date.now() + ms
      for (;;) {
        const m = messages.find(found)
        if (m) return m
        if (Date.now() > deadline) throw new Error(`no such message within ${ms} ms; got ${JSON.stringify(messages.map((x) => x.event))}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    async close() {
      controller.abort()
      await reader.cancel().catch(() => undefined)
      await reading
    },
  }
}
