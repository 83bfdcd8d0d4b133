/**
 * The lifecycle under random use (issue 11, the battery): ≥ 1,000 random action sequences by random
 * actors through the service layer on a real SQLite file. Each step is predicted by a model written
 * here from the plan's table (server/domain/lifecycle.ts) and the reach rules; the service must agree
 * on every step: accepted steps move the hazard where the table says and raise its version by one,
 * refused steps are refused with the predicted status and change nothing, and at the end the
 * hazard's events replay to the stored hazard.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CategoryId, categories, categoryOfLeadUnit } from '../../../server/domain/categories'
import { type Step, actionOf, nextStatus, stepOf } from '../../../server/domain/lifecycle'
import type { Actor } from '../../../server/domain/roles'
import type { Hazard, HazardEvent, User } from '../../../server/domain/schemas'
import { ApiError } from '../../../server/services/errors'
import type { HazardAction as ActionInput } from '../../../server/domain/contract/hazards'
import { actOn, reportHazard } from '../../../server/services/hazards'
import { addPhoto } from '../../../server/services/photos'
import { addDays } from '../../../server/domain/days'
import type { Services } from '../../../server/services/context'
import { AS_OF, type TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

const RUNS = 1000
/** A 1×1 PNG: the smallest photo the server accepts and re-encodes. */
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'))
const steps: readonly Step[] = ['assess', 'assign', 'start', 'rectify', 'verify_pass', 'verify_fail', 'escalate', 'comment']

type Person = User & Actor & { username: string }
/** Who acts, relative to the hazard: its own village's worker, a neighbour's, its district, another… */
const kinds = ['ownGrid', 'ownDistrict', 'ownLeadUnit', 'neighbourGrid', 'otherGrid', 'otherDistrict', 'otherLeadUnit', 'leader', 'analyst', 'wall', 'admin'] as const
type Kind = (typeof kinds)[number]

let t: TestApp
let s: Services
let people: Person[]
/** Two villages in one district and a third in another: enough for every "in reach / out of reach". */
let villages: Array<{ id: string; districtId: string; label: [number, number] }>

beforeAll(async () => {
  t = await openSeededApp()
  s = t.services
  people = s.store.users.list().map((u) => ({ ...u, areaId: u.areaId ?? undefined, leadUnit: u.leadUnit ?? undefined }) as Person)
  const all = s.store.areas.list('village')
  const first = all[0]!
  const neighbour = all.find((v) => v.id !== first.id && v.parentId === first.parentId)!
  const other = all.find((v) => v.parentId !== first.parentId)!
  villages = [first, neighbour, other].map((v) => ({ id: v.id, districtId: v.parentId!, label: v.label }))
})
afterAll(() => t.close())

const named = (pick: (p: Person) => boolean): Person => {
  const p = people.find(pick)
  if (!p) throw new Error('no such account in the demo town')
  return p
}

/** The account of a kind, for a hazard in villages[v] of a category. */
function actorFor(kind: Kind, v: number, category: CategoryId): Person {
  const village = villages[v]!
  const neighbour = villages[v === 0 ? 1 : 0]!
  const other = villages[v === 2 ? 0 : 2]!
  switch (kind) {
    case 'ownGrid': return named((p) => p.role === 'grid' && p.areaId === village.id)
    case 'ownDistrict': return named((p) => p.role === 'district' && p.areaId === village.districtId)
    case 'ownLeadUnit': return named((p) => p.role === 'lead_unit' && p.leadUnit !== undefined && categoryOfLeadUnit(p.leadUnit) === category)
    case 'neighbourGrid': return named((p) => p.role === 'grid' && p.areaId === neighbour.id)
    case 'otherGrid': return named((p) => p.role === 'grid' && p.areaId === other.id)
    case 'otherDistrict': return named((p) => p.role === 'district' && p.areaId !== village.districtId)
    case 'otherLeadUnit': return named((p) => p.role === 'lead_unit' && p.leadUnit !== undefined && categoryOfLeadUnit(p.leadUnit) !== category)
    default: return named((p) => p.role === kind)
  }
}

// ---------------------------------------------------------------------------------------------
// The model

type Outcome = { ok: true; to: Hazard['status'] } | { ok: false; status: number }

/** Whether the actor reaches the hazard at all, written from the plan rather than from services/reach.ts. */
function reaches(a: Person, h: Pick<Hazard, 'villageId' | 'districtId' | 'category'>): boolean {
  if (a.role === 'grid') return h.villageId === a.areaId
  if (a.role === 'district') return h.districtId === a.areaId
  if (a.role === 'lead_unit') return a.leadUnit !== undefined && categoryOfLeadUnit(a.leadUnit) === h.category
  return true
}

/**
 * Four eyes (issue 11, hole 3), the one place the model states it: whoever reported the hazard or
 * reported it rectified may not verify it, and a passed verification needs evidence of the
 * rectification. Undefined when the rule does not refuse the step.
 */
function fourEyes(h: Hazard, events: readonly HazardEvent[], actor: Person, step: Step, photos: Photos): Outcome | undefined {
  if (step !== 'verify_pass' && step !== 'verify_fail') return undefined
  const rectifiers = events.filter((e) => e.action === 'rectify').map((e) => e.actor)
  if (h.reportedBy === actor.username || rectifiers.includes(actor.username)) return { ok: false, status: 403 }
  if (step === 'verify_fail') return undefined
  // The evidence: an after-photo added since the last failed verification, or a reason on that round's rectify step.
  if (photos.thisRound > 0) return undefined
  const round = events.slice(events.findLastIndex((e) => e.action === 'verify' && e.to === 'rectifying') + 1)
  const rectify = round.findLast((e) => e.action === 'rectify')
  return rectify?.noPhotoReason ? undefined : { ok: false, status: 422 }
}

/** The photos the model has seen accepted for a hazard; `thisRound` counts after-photos since the last failed verification. */
interface Photos { found: number; rectified: number; thisRound: number }

/** Adding a photo of the finding or of the rectification: who may, to which hazard, how many. */
function predictPhoto(h: Hazard, actor: Person, stage: 'found' | 'rectified', photos: Photos): Outcome {
  if (!reaches(actor, h)) return { ok: false, status: 404 }
  if (!['grid', 'district', 'lead_unit'].includes(actor.role)) return { ok: false, status: 403 }
  if (h.status === 'closed') return { ok: false, status: 422 }
  if (photos[stage] >= (stage === 'found' ? 5 : 10)) return { ok: false, status: 422 }
  return { ok: true, to: h.status }
}

/** What the service must answer: scope (404), role (403), state (422), version (409), then the step's own checks. */
function predict(h: Hazard, events: readonly HazardEvent[], actor: Person, step: Step, input: ActionInput, photos: Photos): Outcome {
  if (!reaches(actor, h)) return { ok: false, status: 404 }
  const move = nextStatus(h.status, step, actor.role)
  if (!move.ok) return { ok: false, status: move.refusal === 'role' ? 403 : 422 }
  if (input.version !== h.version) return { ok: false, status: 409 }
  if (step === 'escalate' && h.escalated) return { ok: false, status: 422 }
  if (input.action === 'assign' && input.deadline !== undefined && input.deadline < AS_OF) return { ok: false, status: 400 }
  return fourEyes(h, events, actor, step, photos) ?? { ok: true, to: move.to }
}

/** What an accepted step set besides its event: the level and handling level are not in the event rows. */
interface Accepted { step: Step; input: ActionInput; actor: string }

/**
 * The hazard its events describe: status, version, measures, the assignment (from the assign note),
 * escalation and the dates. The dates are the ledger's "today" (pinned to AS_OF here); level and
 * handling level come from the accepted assess inputs, which the events do not record.
 */
function replay(events: readonly HazardEvent[], accepted: readonly Accepted[]) {
  const out = {
    status: events[0]!.to, version: events.length, measures: null as string | null, level: null as string | null,
    handlingLevel: null as string | null, responsibleUnit: null as string | null, responsiblePerson: null as string | null,
    deadline: null as string | null, escalated: false, rectifiedAt: null as string | null, closedAt: null as string | null,
    updatedAt: events.at(-1)!.at,
  }
  events.slice(1).forEach((e, i) => {
    out.status = e.to
    const input = accepted[i]!.input
    switch (e.action) {
      case 'assess':
        out.measures = e.note
        if (input.action === 'assess') {
          out.level = input.level
          out.handlingLevel = input.handlingLevel ?? null
        }
        break
      case 'assign': {
        const m = /^(.*)·(.*)，限(\d{4}-\d{2}-\d{2})前整改$/.exec(e.note ?? '')
        expect(m, `assign note ${e.note}`).not.toBeNull()
        ;[out.responsibleUnit, out.responsiblePerson, out.deadline] = [m![1]!, m![2]!, m![3]!]
        break
      }
      case 'rectify': out.rectifiedAt = AS_OF; break
      case 'verify':
        if (e.to === 'closed') out.closedAt = AS_OF
        else out.rectifiedAt = null
        break
      case 'escalate': out.escalated = true; break
    }
  })
  return out
}

// ---------------------------------------------------------------------------------------------
// The generators

const units = ['农资店', '村委会', '加油站', '幼儿园']
const persons = ['王立国', '李秀英', '张建军']
const texts = ['已整改', '现场核查', '<b>粗体</b>', '', ' ', '𠀀𪚥', 'x'.repeat(300)]

const stepArb = fc.record({
  kind: fc.constantFrom(...kinds, 'ownGrid', 'ownDistrict', 'ownLeadUnit'), // the hazard's own people, twice as often
  /** half the steps are ones the status allows for someone, so sequences get far along the path */
  plausible: fc.boolean(),
  step: fc.nat(steps.length - 1),
  /** one step in ten sends a stale version */
  stale: fc.nat(9).map((n) => n === 0),
  level: fc.constantFrom('major', 'significant', 'general', 'low') as fc.Arbitrary<'major' | 'significant' | 'general' | 'low'>,
  handlingLevel: fc.option(fc.constantFrom('village', 'district', 'town', 'above') as fc.Arbitrary<'village' | 'district' | 'town' | 'above'>, { nil: undefined }),
  unit: fc.constantFrom(...units),
  person: fc.constantFrom(...persons),
  deadlineDays: fc.option(fc.integer({ min: -5, max: 90 }), { nil: undefined }),
  text: fc.constantFrom(...texts),
  /** half the rectifications say why they have no after-photo: the evidence a passed verification needs */
  noPhotoReason: fc.option(fc.constantFrom('夜间摊点已撤离', '<i>无</i>', '𠀀'), { nil: undefined }),
  /** one step in ten is a photo instead: of the finding, or after the rectification (the other evidence) */
  photo: fc.nat(19).map((n) => (n === 0 ? ('found' as const) : n <= 2 ? ('rectified' as const) : undefined)),
})
type StepDraw = typeof stepArb extends fc.Arbitrary<infer T> ? T : never

const sequenceArb = fc.record({
  village: fc.nat(2),
  category: fc.constantFrom(...categories.map((c) => c.id)),
  item: fc.nat(9),
  reporter: fc.constantFrom('ownGrid', 'ownDistrict', 'ownLeadUnit') as fc.Arbitrary<Kind>,
  steps: fc.array(stepArb, { minLength: 1, maxLength: 30, size: 'medium' }),
})

function inputOf(d: StepDraw, step: Step, version: number): ActionInput {
  const v = d.stale ? version - 1 : version
  const text = d.text.trim() ? d.text : '无'
  switch (actionOf(step)) {
    case 'assess': return { action: 'assess', version: v, level: d.level, measures: text, handlingLevel: d.handlingLevel }
    case 'assign': return { action: 'assign', version: v, responsibleUnit: d.unit, responsiblePerson: d.person, deadline: d.deadlineDays === undefined ? undefined : addDays(AS_OF, d.deadlineDays) }
    case 'start': return { action: 'start', version: v }
    case 'rectify': return { action: 'rectify', version: v, note: text, ...(d.noPhotoReason !== undefined && { noPhotoReason: d.noPhotoReason }) }
    case 'verify': return { action: 'verify', version: v, passed: step === 'verify_pass', note: text }
    case 'escalate': return { action: 'escalate', version: v, reason: text }
    case 'comment': return { action: 'comment', version: v, note: text }
  }
}

async function attempt<T>(fn: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; status: number }> {
  try {
    return { ok: true, value: await fn() }
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, status: e.status }
    throw e
  }
}

const roleOf = (username: string) => people.find((p) => p.username === username)!.role

// ---------------------------------------------------------------------------------------------

describe('the lifecycle under random sequences of steps by random actors', () => {
  it(`agrees with the model on every step of ${RUNS} sequences, and the events replay to the stored hazard`, async () => {
    const tally = { photos: { accepted: 0, refused: 0 }, steps: 0, accepted: 0, refused: {} as Record<number, number>, reached: {} as Record<string, number> }
    await fc.assert(
      fc.asyncProperty(sequenceArb, async (seq) => {
        const cat = categories.find((c) => c.id === seq.category)!
        const item = cat.items[seq.item % cat.items.length]!.id
        const reporter = actorFor(seq.reporter, seq.village, seq.category)
        let h = reportHazard(s, reporter, { category: seq.category, item, title: '随机序列隐患', location: villages[seq.village]!.label, source: 'routine' })
        expect(h).toMatchObject({ status: 'reported', version: 1, reportedBy: reporter.username })
        const accepted: Accepted[] = []
        const photos: Photos = { found: 0, rectified: 0, thisRound: 0 }
        for (const d of seq.steps) {
          const actor = actorFor(d.kind, seq.village, seq.category)
          if (d.photo) {
            const stage = d.photo
            const want = predictPhoto(h, actor, stage, photos)
            const got = await attempt(() => addPhoto(s, actor, h.id, stage, PNG))
            const label = `${actor.username} (${actor.role}) adds a ${stage} photo to a ${h.status} hazard`
            expect(got.ok ? 'accepted' : (got as { status: number }).status, label).toBe(want.ok ? 'accepted' : (want as { status: number }).status)
            // A photo is not a step: the hazard and its history stay as they were.
            expect(s.store.hazards.get(h.id), label).toEqual(h)
            if (got.ok) {
              photos[stage]++
              if (stage === 'rectified') photos.thisRound++
            }
            tally.photos[got.ok ? 'accepted' : 'refused']++
            continue
          }
          const open = steps.filter((st) => (['grid', 'district', 'lead_unit', 'leader'] as const).some((r) => nextStatus(h.status, st, r).ok))
          const step = d.plausible && open.length ? open[d.step % open.length]! : steps[d.step]!
          const input = inputOf(d, step, h.version)
          const events = s.store.hazards.events(h.id)
          const want = predict(h, events, actor, step, input, photos)
          const got = await attempt(() => actOn(s, actor, h.id, input))
          const label = `${actor.username} (${actor.role}) ${step} on a ${h.status} hazard v${h.version}, sent v${input.version}`
          tally.steps++
          if (want.ok) {
            expect(got.ok ? 'accepted' : `refused ${(got as { status: number }).status}`, label).toBe('accepted')
            const after = (got as { value: Hazard }).value
            expect(after.status, label).toBe(want.to)
            expect(after.version, label).toBe(h.version + 1)
            expect(s.store.hazards.get(h.id), label).toEqual(after)
            expect(s.store.hazards.events(h.id)).toHaveLength(events.length + 1)
            accepted.push({ step, input, actor: actor.username })
            if (step === 'verify_fail') photos.thisRound = 0
            h = after
            tally.accepted++
            tally.reached[h.status] = (tally.reached[h.status] ?? 0) + 1
          } else {
            expect(got.ok ? 'accepted' : (got as { status: number }).status, label).toBe(want.status)
            // A refused step changes nothing: not the hazard, not its history.
            expect(s.store.hazards.get(h.id), label).toEqual(h)
            expect(s.store.hazards.events(h.id), label).toEqual(events)
            tally.refused[want.status] = (tally.refused[want.status] ?? 0) + 1
          }
        }
        // The history: a chain of legal moves, one event per accepted step, replaying to the stored row.
        const events = s.store.hazards.events(h.id)
        expect(events).toHaveLength(accepted.length + 1)
        events.slice(1).forEach((e, i) => {
          const step = stepOf(e.action as never, e.to === 'closed')
          expect(e.from).toBe(events[i]!.to)
          expect(e.actor).toBe(accepted[i]!.actor)
          expect(step).toBe(accepted[i]!.step)
          expect(nextStatus(e.from!, step, roleOf(e.actor))).toEqual({ ok: true, to: e.to })
          const input = accepted[i]!.input
          if (input.action === 'rectify') expect(e.noPhotoReason).toBe(input.noPhotoReason)
        })
        const stored = s.store.hazards.get(h.id)!
        expect(replay(events, accepted)).toEqual({
          status: stored.status, version: stored.version, measures: stored.measures, level: stored.level,
          handlingLevel: stored.handlingLevel, responsibleUnit: stored.responsibleUnit, responsiblePerson: stored.responsiblePerson,
          deadline: stored.deadline, escalated: stored.escalated, rectifiedAt: stored.rectifiedAt, closedAt: stored.closedAt,
          updatedAt: stored.updatedAt,
        })
      }),
      { numRuns: RUNS, seed: Number(process.env['FC_SEED'] ?? 20261128) },
    )
    console.log('lifecycle property:', JSON.stringify(tally))
    // The sequences went everywhere: every status reached, every kind of refusal met.
    expect(Object.keys(tally.reached).sort()).toEqual(['assessed', 'assigned', 'closed', 'rectified', 'rectifying', 'reported'])
    expect(Object.keys(tally.refused).sort()).toEqual(['400', '403', '404', '409', '422'])
  })
})
