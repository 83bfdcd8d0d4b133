import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { type Algorithm, hash, verify } from '@node-rs/argon2'

/**
 * argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): ≈ 30–80 ms a hash here, run
 * on libuv's thread pool so the event loop keeps answering. Stored as the PHC string
 * `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`, which names its own cost.
 */
/** `Algorithm.Argon2id`, a const enum the package declares but cannot export under isolated modules */
const ARGON2ID = 2 as Algorithm
const ARGON2 = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), ARGON2)
}

/** Whether a stored hash is weaker than today's: an old scheme or lower argon2 costs. Rehashed at the next login. */
export function needsRehash(stored: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored)
  if (!m) return true
  return Number(m[1]) < ARGON2.memoryCost || Number(m[2]) < ARGON2.timeCost
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    try {
      return await verify(stored, password.normalize('NFKC'))
    } catch {
      return false
    }
  }
  return verifyScrypt(password, stored)
}

/** Hashes made before argon2id: `scrypt$N$r$p$salt$hash`. Still verified, then replaced at that login. */
async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), 32, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 }, (err, k) =>
      err ? reject(err) : resolve(k),
    ),
  ).catch(() => undefined)
  return !!key && key.length === expected.length && timingSafeEqual(key, expected)
}

/** A hash to compare against when the user does not exist, so timing does not reveal usernames. */
let decoy: Promise<string> | undefined
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'))
  return decoy
}
