import type { Store } from './types'

/** A counter's failures: how many, and when the last was (ms since the epoch). */
export interface Failures {
  count: number
  last: number
}

/**
 * Failure counters of one kind (the login throttle's, server/services/auth/sessions.ts). In one
 * process a bounded Map; on a shared database (several instances behind a balancer) an optional
 * capability of the store, so a guesser's next attempt meets the same count on whichever instance
 * it reaches.
 */
export interface FailureCounters {
  /** The key's failures, unless forgotten (none for `forgetMs` since its last). */
  get(key: string, now: number): Failures | undefined
  /** One more failure (counting from one again once forgotten). */
  fail(key: string, now: number): void
  delete(key: string): void
  readonly size: number
}

/** Makes the counters of one kind (`pair` or `address`) with their capacity and memory. */
export type CountersFactory = (kind: 'pair' | 'address', capacity: number, forgetMs: number) => FailureCounters

/** The store's shared failure counters, when it offers them. */
export function failureCountersOf(store: Store): CountersFactory | undefined {
  return (store as Store & { failureCounters?: CountersFactory }).failureCounters
}
