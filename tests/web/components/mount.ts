import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, type Pinia } from 'pinia'
import { vi } from 'vitest'
import type { Component, Plugin } from 'vue'
import { createAppI18n } from '../../../web/i18n'

/**
 * Mounting a form as the app does: a fresh Pinia, the app's own vue-i18n in Chinese, and a fake
 * server in place of fetch. The forms' own composables and web/api run for real, so a renamed
 * field or a lost message shows here as it would on the page.
 */
export function mountForm(component: Component, options: { props?: Record<string, unknown>; pinia?: Pinia; plugins?: Plugin[]; stubs?: Record<string, boolean> } = {}) {
  const i18n = createAppI18n()
  i18n.global.locale.value = 'zh-CN'
  const pinia = options.pinia ?? createPinia()
  return mount(component, { props: options.props, attachTo: document.body, global: { plugins: [pinia, i18n, ...(options.plugins ?? [])], stubs: options.stubs } })
}

export const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** A refusal as server/routes/support/router.ts writes it. */
export const refusal = (status: number, code: string, message: string, details?: unknown) =>
  jsonResponse(status, { error: { code, message, ...(details !== undefined && { details }) } })

/** One request the fake server received. */
export interface Received {
  method: string
  path: string
  query: URLSearchParams
  /** the JSON body parsed, or the FormData as sent */
  body: unknown
  headers: Headers
}

type Answer = (request: Received) => Response | Promise<Response>

/**
 * A fetch stub answering by `METHOD /path` (query left off) and keeping every request; an unknown
 * call fails the test loudly. Works for web/api's `request` (a string) and hono's client (a URL).
 */
export function fakeServer(routes: Record<string, Answer>) {
  const received: Received[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://town.test')
    const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    const raw = init.body ?? null
    const body = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined))
    const request: Received = { method, path: url.pathname, query: url.searchParams, body, headers }
    received.push(request)
    const answer = routes[`${method} ${url.pathname}`]
    if (!answer) throw new Error(`unexpected request ${method} ${url.pathname}`)
    return answer(request)
  })
  vi.stubGlobal('fetch', fetch)
  return { fetch, received, sent: (key: string) => received.filter((r) => `${r.method} ${r.path}` === key) }
}

/** An answer held back until the test lets it go: to see what the form shows while it sends. */
export function heldAnswer(response: () => Response) {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  const answer: Answer = async () => {
    await released
    return response()
  }
  return { answer, release: async () => (release(), await flushPromises()) }
}

export { flushPromises }
