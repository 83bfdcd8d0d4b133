/**
 * A request's Idempotency-Key (the phone's outbox sends one per queued item): what was asked under
 * it and what was answered. Kept per account, so two accounts' keys never meet.
 */
export interface IdempotencyRecord {
  username: string
  key: string
  /** the route it was sent to, e.g. `POST /api/hazards` */
  route: string
  /** sha256 of the route, the hazard's id (for a step) and the body's canonical JSON */
  requestHash: string
  status: number
  /** the answer's JSON, replayed as it was first given */
  answer: string
  createdAt: string
}

export interface IdempotencyStore {
  get(username: string, key: string): IdempotencyRecord | undefined
  /** Records a key's answer; false (and nothing written) when the key is recorded already. */
  put(row: IdempotencyRecord): boolean
  /**
   * Runs fn atomically, holding the right to write from its start: a second writer (another
   * process on the same database) waits until fn's commit instead of reading a key about to be
   * written. Transactions inside fn join it.
   */
  exclusive<T>(fn: () => T): T
  /** Forgets keys recorded before the instant; returns how many. */
  prune(before: string): number
}
