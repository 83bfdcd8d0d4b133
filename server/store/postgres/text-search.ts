import { pairMemo } from '../pair-memo'
import type { PgSync } from './bridge'

/**
 * The ledger's text search (`q`) in PostgreSQL, answering exactly as SQLite's (sqlite/text-search.ts):
 * the ids whose code, title or description hold `q` as a substring, ASCII letters in any case,
 * hidden items matched by their code only.
 *
 * pg_trgm cannot serve it: Chinese queries are mostly two characters (燃气, 水库), and a trigram
 * index finds no trigram in a two-character pattern, so each such query would read every row.
 * Instead each hazard is indexed by its overlapping pairs of characters within a field, each pair
 * hashed to an int4, in hazard_text (id, grams int[]) under a GIN index, and a query of two
 * characters or more asks for every pair it holds (`grams @> …`). The index only narrows (a hash
 * may collide): the same LIKE as SQLite's, on ASCII-lowercased text, decides. A query of one
 * character reads the ledger without the index: such a query matches much of it anyway, and
 * indexing every character alone would double the index (≈ 72 grams a hazard instead of ≈ 38)
 * and its build in a bulk load.
 *
 * The grams are computed here, in JavaScript, for every write (insert, update, insertMany, bulk
 * load): the same in a set-returning SQL function costs ≈ 0.4 ms a row, minutes for a city.
 */

/** A prime just under 2^31: a pair of 21-bit code points hashed into a positive int4. */
const MODULUS = 2_147_483_647

/** ASCII letters lowercased, nothing else: SQLite's LIKE folds ASCII only, and so must the index and the check. */
export const lowerAscii = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase())

/** Adds the hashed pairs of neighbouring characters (code points, ASCII lowercased) of one text. */
function addPairs(text: string, grams: Set<number>): void {
  let previous = -1
  for (let i = 0; i < text.length; i++) {
    let cp = text.codePointAt(i)!
    if (cp > 0xffff) i++
    else if (cp >= 65 && cp <= 90) cp += 32
    if (previous >= 0) grams.add((previous * 0x20_0000 + cp) % MODULUS)
    previous = cp
  }
}

/** A title and description's grams, in order, as the literal's text and as numbers (to see whether a code's are among them). */
interface RestGrams {
  text: string
  grams: Int32Array
}

/**
 * Made once per distinct title and description: a ledger repeats each pair at many hazards (a
 * seeded city's 500,000 at about one in three). Bounded, emptied when full, as a server keeps it for months.
 */
const restGrams = pairMemo(50_000, (title, description): RestGrams => {
  const grams = new Set<number>()
  addPairs(title, grams)
  addPairs(description, grams)
  return { text: [...grams].join(','), grams: Int32Array.from(grams) }
})

/**
 * The grams one hazard is indexed by, as an int[] literal (for COPY and for parameters alike): each
 * once, in the order it first occurs in the code, the title, then the description. The code (a
 * hazard's own) is split each time; the title and description's grams come from restGrams.
 */
export function textGrams(code: string | null | undefined, title: string | null | undefined, description: string | null | undefined): string {
  const rest = restGrams(title ?? '', description ?? '')
  if (!code) return `{${rest.text}}`
  const own = new Set<number>()
  addPairs(code, own)
  if (!own.size) return `{${rest.text}}`
  for (const gram of own) {
    // A gram of the code's found again later: the rest's order less that one, as a set of all three would have it.
    if (rest.grams.includes(gram)) return `{${[...new Set([...own, ...rest.grams])].join(',')}}`
  }
  const ownText = [...own].join(',')
  return rest.text ? `{${ownText},${rest.text}}` : `{${ownText}}`
}

/** The grams every hazard whose text holds `q` has (some others too); none for a single character. */
export function queryGrams(q: string): string {
  const grams = new Set<number>()
  addPairs(q, grams)
  return `{${[...grams].join(',')}}`
}

export const textSchema = `
-- The text search's index (postgres/text-search.ts): a row per hazard, written with it.
CREATE TABLE hazard_text (
  id INTEGER PRIMARY KEY REFERENCES hazards (id) ON DELETE CASCADE, grams INTEGER[] NOT NULL
);
CREATE INDEX hazard_text_grams ON hazard_text USING gin (grams);
`

const folded = (col: string) => `translate(h.${col}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`
const like = (col: string) => `${folded(col)} LIKE $1 ESCAPE '\\'`
// Confidential text must not be searchable by those who may not read it, or a search leaks it.
const matches = `(${like('code')} OR ${like('title')} OR ${like('description')}) AND (NOT h.item = ANY ($2::text[]) OR ${like('code')})`
const byIndex = `SELECT h.id FROM hazard_text t JOIN hazards h ON h.id = t.id WHERE t.grams @> $3::int[] AND ${matches}`
const byScan = `SELECT h.id FROM hazards h WHERE ${matches}`

/** Ids whose code, title or description contain q; hidden items match by code only. */
export function searchText(db: PgSync, q: string, hiddenItems: readonly string[]): Set<number> {
  const pattern = `%${lowerAscii(q).replace(/[\\%_]/g, (c) => '\\' + c)}%`
  const grams = queryGrams(q)
  const ids = grams === '{}' ? db.column<number>(byScan, [pattern, hiddenItems]) : db.column<number>(byIndex, [pattern, hiddenItems, grams])
  return new Set(ids)
}
