import type { Hazard, HazardEvent } from '../../domain/schemas'
import { bulkHazardFields } from '../bulk-load'
import type { HazardPatch } from '../types'
import { copyField } from './bridge'

/**
 * How a hazard is spelled in PostgreSQL: its columns are the fields in snake_case (SQLite's names),
 * the flat bulk order (bulkHazardFields) first, then how the place was taken.
 */
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())

/** The place's fields (issue 15): a record without them was written without them, and reads back so. */
const placeFields = ['locationAccuracy', 'locationMethod', 'pinReason'] as const
/** Every field a hazard row holds, lon and lat for its location, in the order of its COPY rows. */
const rowFields = [...bulkHazardFields, ...placeFields]
export const rowColumns = rowFields.map(snake)
/** The flat bulk rows' columns: a bulk-loaded hazard has no place. */
export const bulkColumns = bulkHazardFields.map(snake)

/** The select list a hazard is read with: each column under its field's name. */
export const selectList = rowFields.map((f) => (snake(f) === f ? f : `${snake(f)} AS "${f}"`)).join(', ')

type HazardRow = Omit<Hazard, 'location' | 'locationAccuracy' | 'locationMethod' | 'pinReason'> & {
  lon: number
  lat: number
  locationAccuracy: number | null
  locationMethod: NonNullable<Hazard['locationMethod']> | null
  pinReason: string | null
}

/** A row as the port returns it: the place's fields present only when known, as SQLite's adapter does. */
export function fromRow(row: Record<string, unknown>): Hazard {
  const { lon, lat, locationAccuracy, locationMethod, pinReason, ...rest } = row as HazardRow
  return {
    ...rest,
    location: [lon, lat],
    ...(locationAccuracy !== null ? { locationAccuracy } : {}),
    ...(locationMethod !== null ? { locationMethod } : {}),
    ...(pinReason !== null ? { pinReason } : {}),
  }
}

/** A hazard's values in rowColumns order. */
export function rowValues(h: Hazard): unknown[] {
  const fields = h as unknown as Record<string, unknown>
  return rowFields.map((f) => (f === 'lon' ? h.location[0] : f === 'lat' ? h.location[1] : fields[f]))
}

const SPECIAL = /[\\\t\n\r]/

/**
 * One COPY text line of values: copyField's format, with the common cases (a number, text needing
 * no escape) taken without a regular expression's replace; a bulk load writes millions of fields.
 */
export function copyLine(values: readonly unknown[]): string {
  let line = ''
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    const text = typeof v === 'number' ? String(v) : typeof v === 'string' && !SPECIAL.test(v) ? v : copyField(v)
    line += i === 0 ? text : '\t' + text
  }
  return line + '\n'
}

/**
 * copyLine for a row the caller gives up: each value that needs it is replaced by its COPY text in
 * place, then the row is joined natively, one string made instead of one per field (the bulk load's
 * garbage, most of its time, came from those).
 */
export function copyLineOwned(values: unknown[]): string {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (typeof v !== 'number' && (typeof v !== 'string' || SPECIAL.test(v))) values[i] = copyField(v)
  }
  return values.join('\t') + '\n'
}

const patchable = new Set<string>(rowFields.filter((f) => !['id', 'code', 'version', 'lon', 'lat'].includes(f)))

/** A patch as column → value: location as lon and lat, fields left out (undefined) not written. */
export function patchColumns(patch: HazardPatch): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = []
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue
    if (field === 'location') {
      const [lon, lat] = value as [number, number]
      out.push(['lon', lon], ['lat', lat])
    } else if (patchable.has(field)) out.push([snake(field), value])
  }
  return out
}

export const eventColumns = ['hazard_id', 'at', 'actor', 'action', 'note', 'from_status', 'to_status', 'no_photo_reason']

/** An event's values in eventColumns order. */
export const eventValues = (e: HazardEvent): unknown[] => [e.hazardId, e.at, e.actor, e.action, e.note, e.from, e.to, e.noPhotoReason ?? null]

/** Most events carry no reason: the field is left out rather than null, as in the compact histories. */
export function eventOf(e: HazardEvent): HazardEvent {
  if (e.noPhotoReason == null) delete e.noPhotoReason
  return e
}
