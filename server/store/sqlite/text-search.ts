import type Database from 'better-sqlite3'

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

/** The tokens one hazard's text is indexed by. */
export function textGrams(...fields: Array<string | null | undefined>): string {
  const grams = new Set<string>()
  for (const field of fields) {
    if (!field) continue
    const cps = Array.from(lowerAscii(field), (ch) => enc(ch.codePointAt(0)!))
    for (let i = 0; i < cps.length; i++) grams.add(`g${cps[i]}${cps[i + 1] ?? END}`)
  }
  return [...grams].join(' ')
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

/** Indexes every hazard afresh: after a bulk load, which writes rows without indexing them one by one. */
export const rebuildHazardText = `INSERT INTO hazard_text (hazard_text) VALUES ('delete-all');
  INSERT INTO hazard_text (rowid, grams) SELECT id, hazard_grams(code, title, description) FROM hazards;`
