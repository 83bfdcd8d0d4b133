import type Database from 'better-sqlite3'
import { pairMemo } from '../pair-memo'

/**
 * The ledger's text search (`q`) by an index instead of a LIKE scan of every row. Chinese queries
 * are often two characters (燃气, 水库), which SQLite's trigram tokenizer cannot match, so each text
 * is indexed by its overlapping pairs of characters (bigrams), plus each field's last character
 * paired with an end mark: a query of one character is a prefix query, of two a single pair, of more
 * every pair it holds. The index only narrows: candidates are confirmed by the same LIKE as before,
 * so the answers are today's, character for character.
 *
 * A pair becomes one ASCII token (g + 4 base-36 digits per code point), which any FTS5 tokenizer
 * keeps whole; ASCII letters are lowercased first, as LIKE ignores their case. The table keeps no
 * copy of the text and no positions (contentless, detail=none): a few bytes per pair.
 */

/** No code point reaches 36⁴ − 1: the end-of-field mark. */
const END = 'zzzz'
const enc = (cp: number) => cp.toString(36).padStart(4, '0')
const lowerAscii = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase())

/** Each code point's token part, made once: a ledger's texts are written in a few thousand characters. */
const encoded = new Map<number, string>()

/** One field's tokens, each once, in the order they first occur (each character paired with the next, the last with END). */
function fieldGrams(field: string, into: Set<string>): void {
  let previous: string | undefined
  for (const ch of field) {
    let cp = ch.codePointAt(0)!
    // ASCII capitals lowercased, as lowerAscii does.
    if (cp >= 65 && cp <= 90) cp += 32
    let part = encoded.get(cp)
    if (part === undefined) encoded.set(cp, (part = enc(cp)))
    if (previous !== undefined) into.add(`g${previous}${part}`)
    previous = part
  }
  if (previous !== undefined) into.add(`g${previous}${END}`)
}

/** The tokens of a hazard's later fields (title, description), which repeat across a ledger: the set and its text. */
interface RestGrams {
  set: Set<string>
  text: string
}
/**
 * Made once per distinct later fields: a seeded ledger repeats each title and description at
 * hundreds of hazards. Bounded (emptied when full) for a server that runs for months. Two fields
 * (the hazards' case) are kept by pairMemo.
 */
const restMemo = new Map<string, RestGrams>()
const REST_MEMO_MAX = 50_000

function gramsOf(fields: ReadonlyArray<string | null | undefined>): RestGrams {
  const set = new Set<string>()
  for (const field of fields) if (field) fieldGrams(field, set)
  return { set, text: [...set].join(' ') }
}

// A missing field and an empty one have no tokens alike.
const pairGrams = pairMemo(REST_MEMO_MAX, (a, b) => gramsOf([a, b]))

function restGrams(fields: ReadonlyArray<string | null | undefined>): RestGrams {
  if (fields.length === 2) return pairGrams(fields[0] ?? '', fields[1] ?? '')
  // Each field length-prefixed: no two lists of fields share a key.
  const key = fields.map((f) => `${f?.length ?? 0}:${f ?? ''}`).join('')
  let rest = restMemo.get(key)
  if (!rest) {
    rest = gramsOf(fields)
    if (restMemo.size >= REST_MEMO_MAX) restMemo.clear()
    restMemo.set(key, rest)
  }
  return rest
}

/** The token of two ASCII characters (ASCII capitals lowercased), by both codes: made once each. */
const asciiPairs: Array<string | undefined> = []
const asciiPart = (cp: number) => enc(cp >= 65 && cp <= 90 ? cp + 32 : cp)

/**
 * The first field's tokens, each once, in the order they first occur: fieldGrams' answer. A field
 * of ASCII only (a hazard's code) is read by its character codes and each pair's token looked up.
 */
function firstGrams(field: string): string[] {
  let ascii = true
  for (let i = 0; i < field.length && ascii; i++) ascii = field.charCodeAt(i) < 128
  if (!ascii) {
    const own = new Set<string>()
    fieldGrams(field, own)
    return [...own]
  }
  const out: string[] = []
  for (let i = 0; i < field.length; i++) {
    const a = field.charCodeAt(i)
    const b = i + 1 < field.length ? field.charCodeAt(i + 1) : 128
    const k = a * 129 + b
    let gram = asciiPairs[k]
    if (gram === undefined) asciiPairs[k] = gram = `g${asciiPart(a)}${b === 128 ? END : asciiPart(b)}`
    if (!out.includes(gram)) out.push(gram)
  }
  return out
}

/**
 * The tokens one hazard's text is indexed by: each once, in the order it first occurs across the
 * fields. The first field (the code, unique to a hazard) is split each time; the rest come from restGrams.
 */
export function textGrams(first: string | null | undefined, ...fields: Array<string | null | undefined>): string {
  const rest = restGrams(fields)
  if (!first) return rest.text
  const own = firstGrams(first)
  // The first field's tokens stand first; the rest's follow, less any the first already gave.
  for (const gram of own) if (rest.set.has(gram)) return [...new Set([...own, ...rest.set])].join(' ')
  return rest.text ? `${own.join(' ')} ${rest.text}` : own.join(' ')
}

/** The FTS5 query for a search text: every hazard whose text holds `q` matches it (and some others). */
export function textQuery(q: string): string {
  const cps = Array.from(lowerAscii(q), (ch) => enc(ch.codePointAt(0)!))
  if (cps.length === 1) return `g${cps[0]}*`
  const grams = new Set<string>()
  for (let i = 0; i + 1 < cps.length; i++) grams.add(`g${cps[i]}${cps[i + 1]}`)
  return [...grams].join(' AND ')
}

/** Registers the SQL function the migration and the rebuild index text with (migrate() does, on its connection). */
export function registerTextFunctions(db: Database.Database): void {
  db.function('hazard_grams', { deterministic: true }, (code, title, description) =>
    textGrams(code as string | null, title as string | null, description as string | null),
  )
}

/**
 * FTS5 keeps the terms a transaction writes in memory and flushes them to a new segment of the index
 * each time they pass `hashsize` bytes (1 MB by default), merging segments as they pile up. A rebuild
 * of a city's ledger writes ≈ 200 MB of terms (500,000 hazards): flushed 64 MB at a time, it writes a
 * few large segments instead of two hundred small ones merged again and again (4.0–4.4 s instead of
 * 4.9–6.1 s, the same index). The default comes back for the server's own writes, a few terms each.
 */
const REBUILD_HASH_BYTES = 64 * 1024 * 1024
const DEFAULT_HASH_BYTES = 1024 * 1024

/** FTS5's config values are taken as SQL integer literals only (a bound number fails). */
const hashSize = (bytes: number) => `INSERT INTO hazard_text (hazard_text, rank) VALUES ('hashsize', ${bytes});`
/** Before indexing a whole ledger in one transaction, and after it (the setting is kept in the index's config). */
export const bulkTextStart = hashSize(REBUILD_HASH_BYTES)
export const bulkTextEnd = hashSize(DEFAULT_HASH_BYTES)

/** Indexes every hazard afresh: after a bulk load, which writes rows without indexing them one by one. */
export const rebuildHazardText = `${bulkTextStart}
  INSERT INTO hazard_text (hazard_text) VALUES ('delete-all');
  INSERT INTO hazard_text (rowid, grams) SELECT id, hazard_grams(code, title, description) FROM hazards;
  ${bulkTextEnd}`
