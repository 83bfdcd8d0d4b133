import type { NewPost, PostKind, PostView } from '../api/posts'

/** One post (a kind at a place) as the page lists it: its holder on the day and every record of it. */
export interface PostRow {
  key: string
  place: string
  placeName: string
  holder: PostView | undefined
  /** every record of the post, oldest first */
  records: PostView[]
}

/**
 * The posts held on the day, each with its history; a post whose holder changed sorts first, then
 * by place name, so the replacements a town asks about are at the top.
 */
export function postRows(holders: readonly PostView[], history: readonly PostView[] | undefined, filter = ''): PostRow[] {
  const byPlace = new Map<string, PostRow>()
  const rowOf = (p: PostView) => {
    let row = byPlace.get(p.place)
    if (!row) byPlace.set(p.place, (row = { key: `${p.kind}:${p.place}`, place: p.place, placeName: p.placeName, holder: undefined, records: [] }))
    return row
  }
  for (const p of history ?? []) rowOf(p).records.push(p)
  for (const p of holders) {
    const row = rowOf(p)
    row.holder = p
    if (!row.records.some((r) => r.id === p.id)) row.records.push(p)
  }
  const wanted = filter.trim()
  return [...byPlace.values()]
    .filter((r) => !wanted || r.placeName.includes(wanted) || r.place.includes(wanted))
    .map((r) => ({ ...r, records: [...r.records].sort((a, b) => a.from.localeCompare(b.from)) }))
    .sort((a, b) => Number(b.records.length > 1) - Number(a.records.length > 1) || a.placeName.localeCompare(b.placeName, 'zh-CN'))
}

/** The assignment form: the post's place, the new holder, and the first day. */
export interface AssignDraft {
  place: string
  name: string
  phone: string
  username: string
  from: string
}

export type AssignField = 'place' | 'name' | 'from'

/** What must be filled before sending; the server checks the rest (dates after the current holder's, the place). */
export function assignProblems(d: AssignDraft): Partial<Record<AssignField, 'required'>> {
  const problems: Partial<Record<AssignField, 'required'>> = {}
  if (!d.place) problems.place = 'required'
  if (!d.name.trim()) problems.name = 'required'
  if (!d.from) problems.from = 'required'
  return problems
}

/** The body of `POST /api/posts`: optional phone and account left out when empty. */
export function assignBody(kind: PostKind, d: AssignDraft): NewPost {
  return {
    kind, place: d.place, from: d.from,
    holder: { name: d.name.trim(), ...(d.phone.trim() && { phone: d.phone.trim() }), ...(d.username.trim() && { username: d.username.trim() }) },
  }
}
