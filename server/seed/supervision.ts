import { categoryById, isConfidential, itemById } from '../domain/categories'
import { addDays, chinaDateOf } from '../domain/days'
import type { Hazard } from '../domain/schemas'
import { unitNames } from '../domain/supervision'
import type { LedgerIndex } from '../services/ledger'
import type { IndexedHazard, Store } from '../store/types'
import { indexWhileVisiting } from './warnings-index'

/**
 * The demo year's 挂牌督办 and extensions, drawn from the seeded ledger (same seed, same picks):
 *   - one major hazard listed by the town the day after its last step, still open, its deadline
 *     ahead, moved ten days by a granted extension (the listing's and the hazard's deadline both);
 *   - one major hazard listed early in the year by its lead unit, closed out on time and taken
 *     down two days later, its deadline moved five days by a granted extension;
 *   - one open hazard whose village asked for more time five days before `asOf`, refused.
 * Each writes its rows as the API would; the hazard events go on the chain only where they come
 * after its last one (a seeded chain is not rewritten in the middle).
 */
export function seedSupervision(store: Store, asOf: string): void {
  const visible = (h: IndexedHazard) => !isConfidential(h.item)
  const at = (day: string, hour = 10) => new Date(Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`)).toISOString()
  const lastEventAt = (id: number) => store.hazards.events(id).at(-1)?.at ?? ''
  const after = (id: number, instant: string) => Date.parse(lastEventAt(id)) < Date.parse(instant)
  const leadOf = (h: Pick<IndexedHazard, 'item'>) => categoryById[itemById.get(h.item)!.category].leadUnit
  const gridOf = (h: Hazard) => `grid-${h.villageId}`

  /** A comment on the hazard's chain, dated, as the service writes one. */
  const onChain = (h: Hazard, actor: string, note: string, instant: string, deadline?: string): Hazard =>
    store.hazards.update(h.id, h.version, { updatedAt: instant.replace('Z', '+00:00'), ...(deadline ? { deadline } : {}) }, {
      at: instant.replace('Z', '+00:00'), actor, action: 'comment', note, from: h.status, to: h.status,
    })!

  // The three picks' tests (cheap fields first, the events last), tried in the pass over the ledger
  // that also builds the index the warnings' history takes (seed/warnings-index.ts).
  // 1: still open, its deadline ahead after a granted extension. 2: closed out on time, taken down
  // two to five months before asOf where the ledger has one (so the year's bulletins show it),
  // else the first. 3: open, its last step before the request.
  const dayAfterLast = (id: number) => addDays(chinaDateOf(Date.parse(lastEventAt(id))), 1)
  const openFits = (h: IndexedHazard) => visible(h) && h.level === 'major' && (h.status === 'assigned' || h.status === 'rectifying') &&
    h.deadline !== null && addDays(h.deadline, 10) > asOf && dayAfterLast(h.id) < asOf && dayAfterLast(h.id) <= addDays(h.deadline, -3)
  const closedFits = (h: IndexedHazard) => visible(h) && h.level === 'major' && h.status === 'closed' && h.deadline !== null && h.closedAt !== null &&
    h.closedAt <= h.deadline && h.closedAt <= addDays(asOf, -60) && addDays(h.discoveredAt, 9) <= h.deadline
  const asked = addDays(asOf, -5)
  const refusedFits = (h: IndexedHazard) => visible(h) && (h.status === 'assigned' || h.status === 'rectifying') && h.deadline !== null &&
    h.deadline >= addDays(asked, 3) && after(h.id, at(asked))
  // Each pick but the first must not be the first's hazard: two of each kept, to pass over it.
  const { index, found: [opens, recentlyClosed, anyClosed, toRefuse] } = firstFits(store, [
    { fits: openFits, keep: 1 },
    { fits: (h) => closedFits(h) && h.closedAt! >= addDays(asOf, -150), keep: 2 },
    { fits: closedFits, keep: 2 },
    { fits: refusedFits, keep: 2 },
  ])
  const open = opens![0]
  const other = (h: IndexedHazard) => h.id !== open?.id

  // 1. Listed by the town the day after the hazard's last step, still open, its deadline ahead after one granted extension.
  if (open) {
    let h = store.hazards.get(open.id)!
    const listedOn = dayAfterLast(h.id)
    const before = h.deadline!
    const granted = addDays(before, 10)
    const listing = store.supervision.insert({
      hazardId: h.id, listingUnit: 'town', listedBy: 'leader', listedAt: at(listedOn), supervisingUnit: leadOf(h), deadline: before,
      reason: '重大隐患，整改难度大，镇领导小组挂牌督办',
    })
    h = onChain(h, 'leader', `挂牌督办（镇领导小组挂牌，${unitNames[leadOf(h)].zh}督办，督办期限${before}）：重大隐患，整改难度大，镇领导小组挂牌督办`, at(listedOn))
    const ext = store.supervision.insertExtension({
      hazardId: h.id, supervisionId: listing.id, requestedBy: gridOf(h), requestedAt: at(listedOn, 15),
      reason: '需委托专业单位施工，材料到货需十天', oldDeadline: before, newDeadline: granted,
    })
    store.supervision.decide(ext.id, 'granted', 'leader', at(listedOn, 17), '同意延期，务必按期完成')
    store.supervision.setDeadline(listing.id, granted)
    onChain(h, 'leader', `准予延期：整改期限由${before}延至${granted}。同意延期，务必按期完成`, at(listedOn, 17), granted)
    // Of what the index holds, only the deadline moved (a comment changes no status or time it keeps).
    index.upsert({ ...open, deadline: granted })
  }

  // 2. Listed by its lead unit early in the year, closed out by the deadline, taken down two days later.
  const closed = recentlyClosed!.find(other) ?? anyClosed!.find(other)
  if (closed) {
    let h = store.hazards.get(closed.id)!
    const unit = leadOf(h)
    const listedDay = addDays(h.discoveredAt, 1)
    const granted = h.deadline!
    const before = addDays(granted, -5)
    const takenDown = at(addDays(h.closedAt!, 2))
    const listing = store.supervision.insert({
      hazardId: h.id, listingUnit: unit, listedBy: unit, listedAt: at(listedDay), supervisingUnit: unit, deadline: granted,
      reason: '重大隐患，牵头单位挂牌督办',
    })
    const ext = store.supervision.insertExtension({
      hazardId: h.id, supervisionId: listing.id, requestedBy: gridOf(h), requestedAt: at(listedDay, 15),
      reason: '整改需停产检修，申请延期五天', oldDeadline: before, newDeadline: granted,
    })
    store.supervision.decide(ext.id, 'granted', unit, at(listedDay, 17), '同意，检修期间加强值守')
    store.supervision.close(listing.id, takenDown, unit, '已按期整改销号，予以摘牌')
    if (after(h.id, takenDown)) h = onChain(h, unit, '摘牌（按期销号）：已按期整改销号，予以摘牌', takenDown)
  }

  // 3. A request inside the rules, refused: the deadline stays.
  const refused = toRefuse!.find(other)
  if (refused) {
    const h = store.hazards.get(refused.id)!
    const ext = store.supervision.insertExtension({
      hazardId: h.id, supervisionId: null, requestedBy: gridOf(h), requestedAt: at(asked), reason: '村里人手不足，申请延期半个月',
      oldDeadline: h.deadline!, newDeadline: addDays(h.deadline!, 15),
    })
    store.supervision.decide(ext.id, 'refused', leadOf(h), at(addDays(asked, 1)), '整改内容简单，期限内可以完成')
  }
}

/**
 * The first hazards (by the store's order, the same every seed) that pass each test, up to `keep`
 * a test, in one pass over the ledger, the pass that builds the warnings' index: a pass a pick cost
 * a whole scan of a city's ledger each, and the index another. The tests read the store as it was
 * before any pick's writes; the picks' writes touch only the picked hazards, which the later picks
 * pass over.
 */
function firstFits(store: Store, tests: ReadonlyArray<{ fits: (h: IndexedHazard) => boolean; keep: number }>): { index: LedgerIndex; found: IndexedHazard[][] } {
  const found = tests.map((): IndexedHazard[] => [])
  const index = indexWhileVisiting(store, (h) =>
    tests.forEach(({ fits, keep }, i) => {
      const list = found[i]!
      if (list.length < keep && fits(h)) list.push(h)
    }),
  )
  return { index, found }
}
