import { CallError } from '../api/client'

/** What the server's refusal means for a form. */
export type FormRefusal =
  /** 409: someone else changed the hazard since it was loaded */
  | { kind: 'stale' }
  /** 422: not possible in its status (or e.g. too many photos) */
  | { kind: 'notNow'; message: string }
  /** 403 (or 404: out of reach) */
  | { kind: 'notAllowed' }
  /** 400: these fields, each with what is wrong, in the server's words or a known reason */
  | { kind: 'fields'; fields: Record<string, FieldReason> }
  /** 413 / 415: a file refused */
  | { kind: 'file'; reason: 'tooLarge' | 'notImage' }
  | { kind: 'failed'; message: string }

/** Reasons the server gives for a field that the forms can say in the reader's language. */
export const knownReasons = ['outsideTown', 'outsideArea', 'future', 'past', 'unknownSite', 'farSite', 'wrongItem'] as const
export type KnownReason = (typeof knownReasons)[number]
export type FieldReason = { known: KnownReason } | { text: string }

const patterns: Array<[RegExp, KnownReason]> = [
  [/outside the town/i, 'outsideTown'],
  [/outside your area/i, 'outsideArea'],
  [/in the future/i, 'future'],
  [/in the past/i, 'past'],
  [/unknown site/i, 'unknownSite'],
  [/km from the location/i, 'farSite'],
  [/not an item of/i, 'wrongItem'],
]

export function reasonOf(message: string): FieldReason {
  const known = patterns.find(([re]) => re.test(message))?.[1]
  return known ? { known } : { text: message }
}

/** The form field a request's field (a dotted path) is typed in: by default its first part, so location.0 and location.1 are the one field `location`. */
export type FormFieldOf = (requestField: string) => string
const firstPart: FormFieldOf = (field) => field.split('.')[0]!

/** 400 details are `[{field, message}]` (routes/support/router.ts); the first reason per form field is kept. */
function fieldsOf(details: unknown, formField: FormFieldOf): Record<string, FieldReason> {
  const fields: Record<string, FieldReason> = {}
  if (!Array.isArray(details)) return fields
  for (const d of details as Array<{ field?: unknown; message?: unknown }>) {
    if (typeof d?.field !== 'string' || typeof d.message !== 'string') continue
    fields[formField(d.field)] ??= reasonOf(d.message)
  }
  return fields
}

export function refusalOf(error: unknown, formField: FormFieldOf = firstPart): FormRefusal {
  if (!(error instanceof CallError)) return { kind: 'failed', message: error instanceof Error ? error.message : String(error) }
  switch (error.status) {
    case 409:
      return { kind: 'stale' }
    case 422:
      return { kind: 'notNow', message: error.message }
    case 403:
    case 404:
      return { kind: 'notAllowed' }
    case 413:
      return { kind: 'file', reason: 'tooLarge' }
    case 415:
      return { kind: 'file', reason: 'notImage' }
    case 400: {
      const fields = fieldsOf(error.details, formField)
      return Object.keys(fields).length ? { kind: 'fields', fields } : { kind: 'failed', message: error.message }
    }
    default:
      return { kind: 'failed', message: error.message }
  }
}
