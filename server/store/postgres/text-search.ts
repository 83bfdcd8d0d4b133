import type { PgSync } from './bridge'

/**
 * The ledger's text search (`q`) in PostgreSQL, answering exactly as SQLite's (sqlite/text-search.ts):
 * the ids whose code, title or description hold `q` as a substring, ASCII letters in any case,
 * hidden items matched by their code only.
 *
 * pg_trgm cannot serve it: Chinese queries are mostly two characters (燃气, 水库), and a trigram
 * index finds no trigram in a two-character pattern, so each such query would read every row. As
 * in SQLite, each hazard is indexed by its characters and its overlapping pairs of characters, each
 * hashed to an int4, in hazard_text (id, grams int[]) under a GIN index: a query of one character
 * asks for that character, of more for every pair it holds (`grams @> …`). The index only narrows
 * (a hash may collide): the same LIKE as SQLite's, on ASCII-lowercased text, decides.
 *
 * The grams are computed here, in JavaScript, for every write (insert, update, insertMany, bulk
 * load): a set-returning SQL function doing the same cost ≈ 0.4 ms a row, minutes for a city.
 */

/** Above every code point (U+10FFFF): the second half of a single character's gram. */
const ALONE = 0x1f_ffff
/** A prime just under 2^31: a pair (two 21-bit code points) hashed into a positive int4. */
const MODULUS = 2_147_483_647
const gram = (a: number, b: number) => (a * 0x20_0000 + b) % MODULUS

/** ASCII letters lowercased, nothing else: SQLite's LIKE folds ASCII only, and so must the index and the check. */
export const lowerAscii = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase())

function codePoints(s: string): number[] {
  return Array.from(lowerAscii(s), (ch) => ch.codePointAt(0)!)
}

/** The grams one hazard is indexed by: each character alone, and each pair of neighbours within a field. */
export function textGrams(...fields: Array<string | null | undefined>): number[] {
  const grams = new Set<number>()
  for (const field of fields) {
    if (!field) continue
    const cps = codePoints(field)
    for (let i = 0; i < cps.length; i++) {
      grams.add(gram(cps[i]!, ALONE))
      if (i + 1 < cps.length) grams.add(gram(cps[i]!, cps[i + 1]!))
    }
  }
  return [...grams]
}

/** The grams every hazard whose text holds `q` has (some others have them too). */
export function queryGrams(q: string): number[] {
  const cps = codePoints(q)
  if (cps.length === 1) return [gram(cps[0]!, ALONE)]
  const grams = new Set<number>()
  for (let i = 0; i + 1 < cps.length; i++) grams.add(gram(cps[i]!, cps[i + 1]!))
  return [...grams]
}

/** grams as an int[] literal, for COPY's text format (digits and commas need no escape). */
export const gramsLiteral = (grams: readonly number[]): string => `{${grams.join(',')}}`

export const textSchema = `
-- The text search's index (postgres/text-search.ts): a row per hazard, written with it.
CREATE TABLE hazard_text (
  id INTEGER PRIMARY KEY REFERENCES hazards (id) ON DELETE CASCADE, grams INTEGER[] NOT NULL
);
CREATE INDEX hazard_text_grams ON hazard_text USING gin (grams);
`

const folded = (col: string) => `translate(h.${col}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`
const like = (col: string) => `${folded(col)} LIKE $2 ESCAPE '\\'`
// Confidential text must not be searchable by those who may not read it, or a search leaks it.
const searchSql = `SELECT h.id FROM hazard_text t JOIN hazards h ON h.id = t.id
  WHERE t.grams @> $1::int[] AND (${like('code')} OR ${like('title')} OR ${like('description')})
    AND (NOT h.item = ANY ($3::text[]) OR ${like('code')})`

/** Ids whose code, title or description contain q; hidden items match by code only. */
export function searchText(db: PgSync, q: string, hiddenItems: readonly string[]): Set<number> {
  const pattern = `%${lowerAscii(q).replace(/[\\%_]/g, (c) => '\\' + c)}%`
  return new Set(db.column<number>(searchSql, [queryGrams(q), pattern, hiddenItems]))
}
