import { ACCOUNT_CACHES, CLEAR_ACCOUNT_CACHES, KEEP_ANSWERS, cacheFor, cachePlan } from './sw-policy'

/**
 * The page's side of the phone app's offline shell (web/phone/sw.ts). Imported once by main.ts.
 *
 * A service worker exists only in a secure context (HTTPS, or localhost): on plain HTTP from another
 * machine the app still runs, but opens only with signal (the drafts and the outbox are IndexedDB,
 * which needs no service worker). Nothing is registered by the dev server (there is no built worker).
 */

/** Whether this page can be opened again without signal: 'unsupported' on plain HTTP or an old webview. */
export type OfflineShell = 'unsupported' | 'installing' | 'ready' | 'failed'

let state: OfflineShell = 'unsupported'

/** The offline shell's state as of now (for a hint in the app's header, say). */
export function offlineShell(): OfflineShell {
  return state
}

/**
 * Registers /phone/sw.js for the scope /phone/ once the page has loaded, so that its downloads (the
 * app's files and the map's chunk, to keep) do not compete with the first screen on a slow network.
 * `updateViaCache: 'none'`: the browser asks the server for the worker itself on every check.
 */
export function registerPhoneServiceWorker(): void {
  if (!import.meta.env.PROD || !window.isSecureContext || !('serviceWorker' in navigator)) return
  state = 'installing'
  const register = () =>
    navigator.serviceWorker
      .register('/phone/sw.js', { scope: '/phone/', updateViaCache: 'none' })
      .then(() => navigator.serviceWorker.ready)
      .then(
        () => {
          state = 'ready'
          if (navigator.serviceWorker.controller) keepEarlierAnswers()
          else navigator.serviceWorker.addEventListener('controllerchange', keepEarlierAnswers, { once: true })
        },
        (error: unknown) => {
          state = 'failed'
          console.warn('phone: the offline shell could not be installed', error)
        },
      )
  if (document.readyState === 'complete') void register()
  else window.addEventListener('load', () => void register(), { once: true })
}

/**
 * On the first visit the worker takes the page over only after it loaded: what the page had read by
 * then (the village map's data, the task list, the font subsets for its text) went past it. The worker
 * is asked to fetch those again and keep them, so the app opens offline with them after that first visit.
 */
function keepEarlierAnswers(): void {
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => URL.canParse(url) && cacheFor(cachePlan('GET', new URL(url), location.origin)) !== undefined)
  if (urls.length) navigator.serviceWorker.controller?.postMessage({ type: KEEP_ANSWERS, urls: [...new Set(urls)] })
}

/**
 * Empties what the worker keeps of the account's data (the village map's data, the task list). The
 * worker does it by itself when a login or logout passes through it and on a 401; call this on
 * logout too, so a worker sharing the phone never sees the previous account's data even if that
 * request went unseen (a page the worker did not control yet).
 */
export async function clearAccountCaches(): Promise<void> {
  navigator.serviceWorker?.controller?.postMessage({ type: CLEAR_ACCOUNT_CACHES })
  if (typeof caches !== 'undefined') await Promise.all(ACCOUNT_CACHES.map((name) => caches.delete(name)))
}
