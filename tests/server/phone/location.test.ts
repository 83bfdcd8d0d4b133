import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FieldErrorBody } from '../../../server/domain/contract/common'
import type { HazardAnswer, HazardDetail } from '../../../server/domain/contract/hazards'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { Client, TestApp } from '../support/app'
import { areasOf, gridAccount, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { reportBody } from '../support/walk'
import { phoneReport } from './support'

/**
 * How a report's place was taken (issue 15): a GPS fix ≤ 100 m with its accuracy, a pin with its
 * reason, typed coordinates, or nothing said (the desk's form). Kept with the hazard and shown,
 * except where the hazard is shown generalised.
 */

let t: TestApp
let grid: Client
let leader: Client
let village: AreaProperties

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  village = (await areasOf(leader, 'village'))[4]!
  grid = await t.as(gridAccount(village.id))
}, 120_000)
afterAll(() => t.close())

const count = () => t.services.store.hazards.count()
const send = (body: object, as = grid) => as.post('/api/hazards', body)
const place = (h: HazardAnswer['hazard']) => [h.locationMethod, h.locationAccuracy, h.pinReason]

describe('a GPS fix', () => {
  it('within 100 m is kept with its accuracy and shown by the answer, the detail and the list', async () => {
    const { hazard } = await read<HazardAnswer>(send(phoneReport(village.label, { locationAccuracy: 8.5 })), 201)
    expect(place(hazard)).toEqual(['gps', 8.5, null])
    const detail = await read<HazardDetail>(leader.get(`/api/hazards/${hazard.id}`))
    expect(place(detail.hazard)).toEqual(['gps', 8.5, null])
    const listed = (await read<{ features: Array<{ properties: HazardAnswer['hazard'] }> }>(grid.get('/api/hazards?limit=1'))).features[0]!.properties
    expect([listed.id, ...place(listed)]).toEqual([hazard.id, 'gps', 8.5, null])
    const stored = t.services.store.hazards.get(hazard.id)!
    expect([stored.locationMethod, stored.locationAccuracy, stored.pinReason]).toEqual(['gps', 8.5, undefined])
  })

  it('at 100 m exactly is accepted; beyond is refused (422 naming locationAccuracy) and nothing is written', async () => {
    expect((await send(phoneReport(village.label, { locationAccuracy: 100 }))).status).toBe(201)
    const before = count()
    const refused = await read<FieldErrorBody>(send(phoneReport(village.label, { locationAccuracy: 250 })), 422)
    expect(refused.error.code).toBe('bad_location')
    expect(refused.error.details?.map((d) => d.field)).toEqual(['locationAccuracy'])
    expect(count()).toBe(before)
  })

  it('without its accuracy is refused (422 naming locationAccuracy)', async () => {
    const { locationAccuracy: _, ...body } = phoneReport(village.label)
    const refused = await read<FieldErrorBody>(send(body), 422)
    expect(refused.error.details?.map((d) => d.field)).toEqual(['locationAccuracy'])
  })
})

describe('a pin placed on the map', () => {
  it('needs its reason (422 naming pinReason) and then keeps it, with the poor fix’s accuracy', async () => {
    const before = count()
    const refused = await read<FieldErrorBody>(send(phoneReport(village.label, { locationMethod: 'pin', locationAccuracy: 250 })), 422)
    expect(refused.error.details?.map((d) => d.field)).toEqual(['pinReason'])
    expect(count()).toBe(before)
    const { hazard } = await read<HazardAnswer>(send(phoneReport(village.label, { locationMethod: 'pin', locationAccuracy: 250, pinReason: '山沟里定位漂移' })), 201)
    expect(place(hazard)).toEqual(['pin', 250, '山沟里定位漂移'])
  })

  it('refuses a reason over 200 characters or blank (400 naming pinReason)', async () => {
    for (const pinReason of ['长'.repeat(201), '   ']) {
      const refused = await read<FieldErrorBody>(send(phoneReport(village.label, { locationMethod: 'pin', pinReason })), 400)
      expect(refused.error.details?.map((d) => d.field)).toEqual(['pinReason'])
    }
  })
})

describe('other ways in', () => {
  it('the desk’s form says nothing about the place: accepted, and answered as unknown (null)', async () => {
    const { hazard } = await read<HazardAnswer>(send({ ...reportBody, location: village.label }), 201)
    expect(place(hazard)).toEqual([null, null, null])
  })

  it('typed coordinates are kept as typed', async () => {
    const { hazard } = await read<HazardAnswer>(send({ ...reportBody, location: village.label, locationMethod: 'typed' }), 201)
    expect(place(hazard)).toEqual(['typed', null, null])
  })

  it('an unknown method or a negative accuracy is refused (400 naming the field)', async () => {
    for (const [field, extra] of [['locationMethod', { locationMethod: 'wifi' }], ['locationAccuracy', { locationAccuracy: -1 }]] as const) {
      const refused = await read<FieldErrorBody>(send({ ...phoneReport(village.label), ...extra }), 400)
      expect(refused.error.details?.map((d) => d.field)).toEqual([field])
    }
  })

  it('a seeded hazard (before the phone) answers its place as unknown', async () => {
    const detail = await read<HazardDetail>(leader.get('/api/hazards/1'))
    expect(place(detail.hazard)).toEqual([null, null, null])
  })
})

describe('a hazard shown generalised', () => {
  it('withholds how its exact place was taken, as it withholds the place', async () => {
    const police = await t.as('police')
    const body = { ...phoneReport(village.label), category: 'violent_terror', item: 'key_places', locationMethod: 'pin', pinReason: '院内不便定位' }
    const { hazard } = await read<HazardAnswer>(send(body, police), 201)
    expect(place(hazard)).toEqual(['pin', 12, '院内不便定位'])
    const seen = await read<HazardDetail>((await t.as('analyst')).get(`/api/hazards/${hazard.id}`))
    expect(seen.hazard.generalised).toBe(true)
    expect(place(seen.hazard)).toEqual([null, null, null])
  })
})
