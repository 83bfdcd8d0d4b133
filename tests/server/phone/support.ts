import { randomUUID } from 'node:crypto'
import type { HazardReport } from '../../../server/domain/contract/hazards'
import type { Client } from '../support/app'
import { reportBody } from '../support/walk'

/** The phone's part of the server (issue 15): what its tests share. */

/** The header the phone's outbox sends each queued item with. */
export const keyed = (key: string) => ({ headers: { 'Idempotency-Key': key } })

export const newKey = () => randomUUID()

/** A report as the phone sends it: found a while ago, queued since, placed by GPS. */
export const phoneReport = (location: [number, number], extra: Partial<HazardReport> = {}): HazardReport => ({
  ...reportBody, location, title: '塘坝护栏缺失', foundAt: '2026-11-27T10:00:00+08:00', reportedAt: '2026-11-27T10:02:00+08:00',
  locationMethod: 'gps', locationAccuracy: 12, ...extra,
})

/** Sends a report under a key with the typed client, as the outbox does. */
export const sendReport = (as: Client, body: HazardReport, key: string) => as.api.hazards.$post({ json: body }, keyed(key))
