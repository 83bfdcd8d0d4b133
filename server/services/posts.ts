import { type LeadUnitId, leadUnitIds, leadUnits } from '../domain/categories'
import type { NewPost, PostAssigned, PostList, PostView, PostsQuery } from '../domain/contract/posts'
import { type PostKind, closingDayFor, postKindIds, postKinds } from '../domain/posts'
import type { ActingUser, Actor } from '../domain/roles'
import type { PostRecord } from '../store/types'
import { audit } from './audit'
import type { Services } from './context'
import { ApiError, forbidden, invalid } from './errors'

/**
 * Posts and their holders by date (server/domain/posts.ts). Reading: the leadership, the analyst
 * and the administrator read every post; a district its own head, cells and sites; a lead unit its
 * own head; a village its own cells. Assigning is the administrator's.
 */

/** Which places of each kind a reader reaches; `all` for the town-wide readers. */
type PostReach = 'all' | Map<PostKind, Set<string>>

function reachOfPosts(s: Services, actor: Actor): PostReach {
  if (actor.role === 'leader' || actor.role === 'analyst' || actor.role === 'admin') return 'all'
  const areas = s.ledger.areas
  const cellsOf = (areaId: string) => new Set([...areas.gridsInside(areaId)].map((g) => areas.grids[g]!.id))
  if (actor.role === 'district' && actor.areaId) {
    const villages = (areas.byLevel.get('village') ?? []).filter((v) => v.parentId === actor.areaId).map((v) => v.id)
    const sites = villages.length ? s.store.sites.list({ villageIds: villages }).map((x) => x.id) : []
    return new Map<PostKind, Set<string>>([
      ['district_head', new Set([actor.areaId])],
      ['grid_worker', cellsOf(actor.areaId)],
      ['site_head', new Set(sites)],
    ])
  }
  if (actor.role === 'grid' && actor.areaId) return new Map([['grid_worker', cellsOf(actor.areaId)]])
  if (actor.role === 'lead_unit' && actor.leadUnit) return new Map([['lead_unit_head', new Set([actor.leadUnit])]])
  throw forbidden('This role does not read posts.')
}

/** Phone numbers go to those who call people out: the leadership, the administrator and the districts. */
const seesPhones = (actor: Actor) => actor.role === 'leader' || actor.role === 'admin' || actor.role === 'district'

/** The name of the place a post of this kind names, or undefined when there is no such place. */
function placeNamer(s: Services): (kind: PostKind, place: string) => string | undefined {
  let sites: Map<string, string> | undefined
  return (kind, place) => {
    const where = postKinds[kind].place
    if (where === 'lead_unit') return (leadUnitIds as readonly string[]).includes(place) ? leadUnits[place as LeadUnitId].zh : undefined
    if (where === 'site') {
      sites ??= new Map(s.store.sites.list().map((x) => [x.id, x.name]))
      return sites.get(place)
    }
    const area = s.ledger.areas.byId.get(place)
    return area?.level === where ? area.name : undefined
  }
}

function viewOf(r: PostRecord, placeName: string, phones: boolean): PostView {
  return {
    id: r.id, kind: r.kind, place: r.placeId, placeName,
    holder: { name: r.name, phone: phones ? r.phone : null, username: r.username },
    from: r.validFrom, to: r.validTo,
  }
}

const unknownPlace = (place: string) => invalid([{ field: 'place', message: `no place ${place} for this kind of post` }])

/** Holders on a date (today by default) and, with `history`, every record of the posts asked about, within the reader's reach. */
export function listPosts(s: Services, actor: Actor, q: PostsQuery): PostList {
  const reach = reachOfPosts(s, actor)
  const name = placeNamer(s)
  const kinds = q.kind ? [q.kind] : [...postKindIds]
  if (q.place !== undefined && !kinds.some((k) => name(k, q.place!) !== undefined)) throw unknownPlace(q.place)
  // One read per kind the reader reaches, each narrowed to the places it reaches (and the one asked for).
  const asked = kinds.flatMap((kind) => {
    if (reach === 'all') return [{ kind, placeIds: q.place === undefined ? undefined : [q.place] }]
    const places = reach.get(kind)
    if (!places) return []
    if (q.place === undefined) return [{ kind, placeIds: [...places] }]
    return places.has(q.place) ? [{ kind, placeIds: [q.place] }] : []
  })
  if (q.place !== undefined && asked.length === 0) throw forbidden('That place is outside your reach.')
  const on = q.on ?? s.today()
  const phones = seesPhones(actor)
  const view = (r: PostRecord) => viewOf(r, name(r.kind, r.placeId) ?? r.placeId, phones)
  const holders = asked.flatMap((f) => s.store.posts.holdersOn(on, f)).map(view)
  const history = q.history === 'true' ? asked.flatMap((f) => s.store.posts.list(f)).map(view) : undefined
  return { on, phonesShown: phones, holders, ...(history ? { history } : {}) }
}

/**
 * A new holder from a day: the post's current record is closed the day before and the new one
 * opened, in one transaction with its audit row. Nothing is overwritten, so `from` must come after
 * the current record's first day (422), or the old record would end before it began.
 */
export function assignPost(s: Services, actor: ActingUser, input: NewPost): PostAssigned {
  if (actor.role !== 'admin') throw forbidden('Only the administrator assigns posts.')
  const placeName = placeNamer(s)(input.kind, input.place)
  if (placeName === undefined) throw unknownPlace(input.place)
  const { username } = input.holder
  if (username !== undefined && !s.store.users.byUsername(username)) throw invalid([{ field: 'holder.username', message: `no account ${username}` }])
  const records = s.store.posts.list({ kind: input.kind, placeIds: [input.place] })
  const current = records.at(-1)
  if (current && input.from <= current.validFrom)
    throw new ApiError(422, 'not_allowed_now', `The current holder took the post on ${current.validFrom}; a new holder must start after that.`, [
      { field: 'from', message: `not after ${current.validFrom}` },
    ])
  const { post, closed } = s.store.transaction(() => {
    let closed: PostRecord | null = null
    // A record already closed before the new day stays as it is: there was no holder in between.
    if (current && (current.validTo === null || current.validTo >= input.from)) {
      s.store.posts.close(current.id, closingDayFor(input.from))
      closed = { ...current, validTo: closingDayFor(input.from) }
    }
    const post = s.store.posts.insert({
      kind: input.kind, placeId: input.place, name: input.holder.name, phone: input.holder.phone ?? null, username: username ?? null,
      validFrom: input.from, createdBy: actor.username, createdAt: new Date().toISOString(),
    })
    audit(s, actor, 'post.assign', `${input.kind}:${input.place}`)
    return { post, closed }
  })
  return { post: viewOf(post, placeName, true), closed: closed && viewOf(closed, placeName, true) }
}
