/**
 * The phone app's service worker, served as /phone/sw.js with scope /phone/ (the desk at / has none).
 * Built on its own by vite-plugin-pwa (web/phone/sw-build.ts), which writes the precache list into
 * `self.__WB_MANIFEST`: the phone page, the JavaScript and CSS it loads (the village map's chunk
 * too), the manifest and icons — nothing of the desk's. What it keeps of the API: sw-policy.ts.
 *
 * Installed, it takes over at once (skipWaiting + clients.claim) so the first visit is already
 * covered: a worker who opens the app once with signal can open it again without.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { CacheFirst, NetworkFirst, StaleWhileRevalidate } from 'workbox-strategies'
import { ACCOUNT_CACHES, CLEAR_ACCOUNT_CACHES, FONT_CACHE, KEEP_ANSWERS, MAP_DATA_CACHE, SHELL_NAVIGATIONS, SHELL_URL, WORK_CACHE, cacheFor, cachePlan, changesAccount } from './sw-policy'

/** The parts of ServiceWorkerGlobalScope used here (the project's types are the page's, DOM only). */
interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void
}
interface MessageLike extends WaitUntil {
  data: unknown
}
interface WorkerScope {
  __WB_MANIFEST: (string | PrecacheEntry)[]
  location: Location
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
  addEventListener(type: 'install' | 'activate', listener: (event: WaitUntil) => void): void
  addEventListener(type: 'message', listener: (event: MessageLike) => void): void
}
declare const self: WorkerScope

const clearAccountCaches = () => Promise.all(ACCOUNT_CACHES.map((name) => caches.delete(name)))

/** An answer of 401: the session is gone, and what was kept for it must not outlive it. */
const forgetOnUnauthorized = {
  fetchDidSucceed: async ({ response }: { response: Response }) => {
    if (response.status === 401) await clearAccountCaches()
    return response
  },
}

/** Fetches again, into the caches, the answers a page read before this worker controlled it (sw-policy.ts, KEEP_ANSWERS). */
async function keepAnswers(urls: unknown[]): Promise<void> {
  for (const text of urls) {
    if (typeof text !== 'string' || !URL.canParse(text)) continue
    const url = new URL(text)
    const cache = cacheFor(cachePlan('GET', url, self.location.origin))
    if (!cache) continue
    const response = await fetch(url, { credentials: 'same-origin' }).catch(() => undefined)
    if (response?.ok) await (await caches.open(cache)).put(url, response)
  }
}

self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()))
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))
self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown; urls?: unknown } | null
  if (data?.type === CLEAR_ACCOUNT_CACHES) event.waitUntil(clearAccountCaches())
  if (data?.type === KEEP_ANSWERS && Array.isArray(data.urls)) event.waitUntil(keepAnswers(data.urls))
})

cleanupOutdatedCaches()
precacheAndRoute(self.__WB_MANIFEST)
registerRoute(new NavigationRoute(createHandlerBoundToURL(SHELL_URL), { allowlist: SHELL_NAVIGATIONS }))

const origin = self.location.origin
registerRoute(
  ({ request, url }) => cachePlan(request.method, url, origin) === 'map-data',
  new StaleWhileRevalidate({ cacheName: MAP_DATA_CACHE, plugins: [forgetOnUnauthorized] }),
)
// A slow 3G answer is still awaited for a while: the list is worth having fresh; past that, the kept one.
registerRoute(
  ({ request, url }) => cachePlan(request.method, url, origin) === 'work',
  new NetworkFirst({ cacheName: WORK_CACHE, networkTimeoutSeconds: 8, plugins: [forgetOnUnauthorized] }),
)
registerRoute(({ request, url }) => cachePlan(request.method, url, origin) === 'font', new CacheFirst({ cacheName: FONT_CACHE }))

// Logging in or out passes straight through; once the server has answered, the previous account's data goes.
registerRoute(
  ({ request, url }) => changesAccount(request.method, url, origin),
  async ({ request }) => {
    const response = await fetch(request)
    if (response.ok) await clearAccountCaches()
    return response
  },
  'POST',
)
