/** The server refuses an unmasking whose stated reason is shorter than this (services/persons). */
export const REVEAL_REASON_MIN = 4

/** What a reveal answers when the server refused it for the account's daily cap (429). */
export const REVEAL_LIMIT = 'reveal_limit'

/** Whether a stated reason is enough to ask for an unmasked record. */
export function revealReasonOk(reason: string): boolean {
  return reason.trim().length >= REVEAL_REASON_MIN
}

interface Identified {
  id: number
}

/**
 * The register as shown: each masked record, or its revealed copy where one was unmasked in this
 * view. Revealed copies live apart from the list, so re-masking just forgets the copy.
 */
export function shownRecords<T extends Identified>(masked: readonly T[], revealed: ReadonlyMap<number, T>): T[] {
  return masked.map((p) => revealed.get(p.id) ?? p)
}
