import { createHash } from 'node:crypto'
import { nearestPointOnLine, point, pointToLineDistance } from '@turf/turf'
import { beforeAll, describe, expect, it } from 'vitest'
import { categories, isConfidential } from '../../../server/domain/categories'
import { type Step, nextStatus } from '../../../server/domain/lifecycle'
import type { Role } from '../../../server/domain/roles'
import type { Hazard, HazardEvent } from '../../../server/domain/schemas'
import { HazardSchema, PersonSchema } from '../../../server/domain/schemas'
import { type Geography, generateGeography } from '../../../server/seed/geography'
import { generateLedger } from '../../../server/seed/ledger'

const AS_OF = '2026-11-28'
let geo: Geography
let hazards: Hazard[]
let events: Map<number, HazardEvent[]>
let ledger: ReturnType<typeof generateLedger>

function digest(seed: number, asOf: string, n: number): string {
  const g = generateGeography({ seed, scope: 'town' })
  const l = generateLedger(g, { seed, asOf, hazards: n })
  const hash = createHash('sha256')
  for (const batch of l.batches()) hash.update(JSON.stringify(batch))
  hash.update(JSON.stringify([l.inspections, l.persons]))
  return hash.digest('hex')
}

beforeAll(() => {
  geo = generateGeography({ seed: 2026, scope: 'town' })
  ledger = generateLedger(geo, { seed: 2026, asOf: AS_OF, hazards: 3000 })
  hazards = []
  events = new Map()
  for (const batch of ledger.batches()) {
    hazards.push(...batch.hazards)
    for (const e of batch.events) events.set(e.hazardId, [...(events.get(e.hazardId) ?? []), e])
  }
})

const roleOf = (actor: string): Role =>
  actor.startsWith('grid-') ? 'grid' : actor.startsWith('district-') ? 'district' : 'lead_unit'
const stepOf = (e: HazardEvent): Step => (e.action === 'verify' ? (e.to === 'closed' ? 'verify_pass' : 'verify_fail') : (e.action as Step))

describe('the demo ledger', () => {
  it('is byte-identical for the same seed and date, and differs for another seed or date', () => {
    const a = digest(7, AS_OF, 500)
    expect(digest(7, AS_OF, 500)).toBe(a)
    expect(digest(8, AS_OF, 500)).not.toBe(a)
    expect(digest(7, '2026-10-01', 500)).not.toBe(a)
  })

  it('holds valid records only', () => {
    for (const h of hazards) expect(HazardSchema.safeParse(h).success).toBe(true)
    for (const p of ledger.persons) expect(PersonSchema.safeParse(p).success).toBe(true)
  })

  it('gives every hazard a history that the lifecycle table allows, step by step, ending in its status', () => {
    for (const h of hazards) {
      const history = events.get(h.id)!
      expect(history[0]).toMatchObject({ action: 'report', from: null, to: 'reported' })
      let status = history[0]!.to
      for (const e of history.slice(1)) {
        expect(e.from).toBe(status)
        const move = nextStatus(status, stepOf(e), roleOf(e.actor))
        expect(move, `hazard ${h.id}: ${e.actor} ${e.action} from ${status}`).toEqual({ ok: true, to: e.to })
        status = e.to
      }
      expect(status).toBe(h.status)
      expect(h.version).toBe(history.length)
    }
  })

  it('dates every history in order, from its receipt to no later than the as-of date, found ≤ reported ≤ received', () => {
    for (const h of hazards) {
      const at = events.get(h.id)!.map((e) => e.at)
      expect([...at].sort()).toEqual(at)
      expect(at[0]).toBe(h.receivedAt)
      expect(h.foundAt.slice(0, 10)).toBe(h.discoveredAt)
      expect(h.foundAt <= h.reportedAt && h.reportedAt <= h.receivedAt).toBe(true)
      expect(at.at(-1)!.slice(0, 10) <= AS_OF).toBe(true)
      if (h.closedAt) expect(h.closedAt >= (h.rectifiedAt ?? h.discoveredAt)).toBe(true)
    }
  })

  it('has closed hazards that were assessed, assigned, rectified and verified — or rectified on the spot', () => {
    const closed = hazards.filter((h) => h.status === 'closed')
    expect(closed.length).toBeGreaterThan(hazards.length / 2)
    const onTheSpot = closed.filter((h) => events.get(h.id)![1]!.action === 'rectify')
    expect(onTheSpot.length).toBeGreaterThan(0)
    for (const h of closed) {
      const actions = events.get(h.id)!.map((e) => e.action).filter((a) => a !== 'escalate')
      if (onTheSpot.includes(h)) expect(actions).toEqual(['report', 'rectify', 'verify'])
      else expect(actions.slice(0, 4)).toEqual(['report', 'assess', 'assign', 'start'])
    }
  })

  it('has some hazards overdue and some escalated on the as-of date, and a backlog still open', () => {
    const overdue = hazards.filter((h) => (h.status === 'assigned' || h.status === 'rectifying') && h.deadline! < AS_OF)
    expect(overdue.length).toBeGreaterThan(0)
    expect(hazards.filter((h) => h.escalated).length).toBeGreaterThan(0)
    expect(hazards.filter((h) => h.status !== 'closed').length).toBeGreaterThan(50)
  })

  it('covers all four categories and every focus item, safety accidents the most', () => {
    const byCategory = new Map<string, number>()
    for (const h of hazards) byCategory.set(h.category, (byCategory.get(h.category) ?? 0) + 1)
    expect(byCategory.size).toBe(4)
    expect(Math.max(...byCategory.values())).toBe(byCategory.get('safety_accident'))
    const items = new Set(hazards.map((h) => h.item))
    for (const c of categories) for (const i of c.items) expect(items.has(i.id), i.id).toBe(true)
  })

  it('puts road-traffic hazards on roads and natural-disaster hazards at water or slopes', () => {
    const roads = geo.roads
    for (const h of hazards.filter((x) => x.item === 'road_traffic').slice(0, 200)) {
      const near = Math.min(...roads.map((r) => pointToLineDistance(point(h.location), r.geometry, { units: 'meters' })))
      expect(near).toBeLessThan(50)
    }
    const water = [...geo.rivers.map((r) => r.geometry), ...geo.waters.map((w) => ({ type: 'LineString' as const, coordinates: w.geometry.coordinates[0]! }))]
    const slopes = geo.sites.filter((s) => s.kind === 'mountain_slope' || s.kind === 'reservoir' || s.kind === 'river_section')
    for (const h of hazards.filter((x) => x.item === 'natural_disasters').slice(0, 100)) {
      const site = h.siteId ? slopes.find((s) => s.id === h.siteId) : undefined
      const toWater = Math.min(...water.map((w) => nearestPointOnLine(w, h.location, { units: 'meters' }).properties.dist!))
      expect(site !== undefined || toWater < 50, `hazard ${h.id}`).toBe(true)
    }
  })

  it('places each hazard in its grid cell, village and district, and confidential ones under their lead unit', () => {
    const byId = new Map(geo.areas.map((a) => [a.id, a]))
    for (const h of hazards) {
      expect(byId.get(h.areaId)!.parentId).toBe(h.villageId)
      expect(byId.get(h.villageId)!.parentId).toBe(h.districtId)
      if (isConfidential(h.item)) for (const e of events.get(h.id)!) if (e.action === 'assess') expect(roleOf(e.actor)).toBe('lead_unit')
    }
  })

  it('inspects each village about weekly and every half month, and each lead unit monthly', () => {
    const villages = geo.areas.filter((a) => a.level === 'village').length
    const count = (source: string) => ledger.inspections.filter((i) => i.source === source).length
    expect(count('routine')).toBeGreaterThanOrEqual(villages * 52 * 0.9)
    expect(count('routine')).toBeLessThanOrEqual(villages * 53)
    expect(count('concentrated')).toBeGreaterThanOrEqual(villages * 23)
    expect(count('focused')).toBeGreaterThanOrEqual(4 * 12)
    const found = ledger.inspections.reduce((n, i) => n + i.hazardsFound, 0)
    expect(found).toBe(hazards.filter((h) => h.source !== 'public_report').length)
  })

  it('registers 100–300 key persons with Pingdu ID numbers whose check digit is right', () => {
    expect(ledger.persons.length).toBeGreaterThanOrEqual(100)
    expect(ledger.persons.length).toBeLessThanOrEqual(300)
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    for (const p of ledger.persons) {
      expect(p.idNumber.startsWith('370283')).toBe(true)
      const sum = [...p.idNumber.slice(0, 17)].reduce((s, d, i) => s + Number(d) * weights[i]!, 0)
      expect(p.idNumber[17]).toBe('10X98765432'[sum % 11])
    }
  })
})
