/** What newId needs of `crypto`: `randomUUID` exists only in secure contexts (HTTPS, localhost). */
export type UuidSource = Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string }

/**
 * A random (version 4) UUID: an outbox item's Idempotency-Key, a photo's clientId. A phone on plain
 * HTTP has no `crypto.randomUUID`, so the same UUID is built from `crypto.getRandomValues` (RFC 9562 §5.4).
 */
export function newId(source: UuidSource = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID()
  const bytes = source.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
