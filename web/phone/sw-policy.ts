/**
 * What the phone's service worker keeps, in plain functions (no worker APIs) so they are tested in
 * node: the app shell is precached at install; of the API, only the GETs the phone reads offline are
 * kept, and only for the account that fetched them.
 *
 * Never kept: any request but GET (the outbox sends its POSTs itself and retries them; nothing here
 * replays them, and Background Sync is not used), /api/auth/* (who is logged in is always asked
 * afresh), the live stream, tiles and everything else of the API.
 */

/** The village map's data: boundaries and grid cells, key sites, the drawn base map, and the vocabulary the form needs. */
export const MAP_DATA_CACHE = 'pingan-phone-map-data'
/** The worker's own task list (GET /api/work). */
export const WORK_CACHE = 'pingan-phone-work'
/** Font subsets (hashed, immutable) the map's labels and the page used; kept as the page loads them, not precached (there are a hundred). */
export const FONT_CACHE = 'pingan-phone-fonts'

/** The caches that hold an account's data; emptied when an account logs in or out, or the server answers 401. */
export const ACCOUNT_CACHES = [MAP_DATA_CACHE, WORK_CACHE] as const

/** The message a page posts to the worker to empty ACCOUNT_CACHES (sw-register.ts sends it on logout). */
export const CLEAR_ACCOUNT_CACHES = 'pingan:clear-account-caches'

/**
 * The message a page posts once the worker controls it, naming what it read before (on the first
 * visit the worker takes over only after the page has loaded): the worker fetches again, into its
 * caches, what it keeps (the API answers, the font subsets), so the village map opens offline, with
 * its labels, after that first visit too.
 */
export const KEEP_ANSWERS = 'pingan:keep-answers'

/** The cache a kept answer goes to, or undefined for one the worker does not keep. */
export function cacheFor(plan: CachePlan): string | undefined {
  return plan === 'map-data' ? MAP_DATA_CACHE : plan === 'work' ? WORK_CACHE : plan === 'font' ? FONT_CACHE : undefined
}

const MAP_DATA_PATHS = new Set(['/api/areas', '/api/sites', '/api/basemap', '/api/meta'])

export type CachePlan =
  /** answered from the cache at once and refreshed behind it; the network when nothing is cached */
  | 'map-data'
  /** the network first (the list changes as hazards are assigned); the cached copy when there is no answer */
  | 'work'
  /** the cache first: the file's name changes with its content */
  | 'font'
  /** the service worker does not touch it */
  | 'network'

/** How the service worker treats a request from a phone page, by its method and same-origin URL. */
export function cachePlan(method: string, url: URL, origin: string): CachePlan {
  if (method !== 'GET' || url.origin !== origin) return 'network'
  if (MAP_DATA_PATHS.has(url.pathname)) return 'map-data'
  if (url.pathname === '/api/work') return 'work'
  if (url.pathname.startsWith('/assets/') && /\.woff2?$/.test(url.pathname)) return 'font'
  return 'network'
}

/** A login or logout: once the server answers it, the previous account's cached data must go. */
export function changesAccount(method: string, url: URL, origin: string): boolean {
  return method === 'POST' && url.origin === origin && (url.pathname === '/api/auth/login' || url.pathname === '/api/auth/logout')
}

/** The navigations the worker answers with the precached shell: the phone app's own paths. */
export const SHELL_NAVIGATIONS = [/^\/phone(\/|$)/]

/** The precached shell page every phone navigation is answered with when there is no network. */
export const SHELL_URL = '/phone/index.html'
