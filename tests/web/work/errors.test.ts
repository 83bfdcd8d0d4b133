import { describe, expect, it } from 'vitest'
import { CallError } from '../../../web/api/client'
import { reasonOf, refusalOf } from '../../../web/work/refusals'

describe('refusalOf: what a server refusal means for a form', () => {
  it('reads 409 as stale and 422 as not possible now', () => {
    expect(refusalOf(new CallError(409, 'stale_version', 'reload'))).toEqual({ kind: 'stale' })
    expect(refusalOf(new CallError(422, 'not_allowed_now', 'A closed hazard…'))).toEqual({ kind: 'notNow', message: 'A closed hazard…' })
  })

  it('maps 400 details to the form’s fields, one reason each, coordinates as one field', () => {
    const error = new CallError(400, 'invalid_input', 'Invalid', [
      { field: 'location.0', message: 'Too big' },
      { field: 'location', message: 'outside the town' },
      { field: 'siteId', message: 'more than 1 km from the location' },
      { field: 'title', message: 'Too small: expected string to have >=1 characters' },
    ])
    expect(refusalOf(error)).toEqual({
      kind: 'fields',
      fields: { location: { text: 'Too big' }, siteId: { known: 'farSite' }, title: { text: 'Too small: expected string to have >=1 characters' } },
    })
  })

  it('reads a 400 without details as a failure with its message', () => {
    expect(refusalOf(new CallError(400, 'malformed', 'Bad JSON'))).toEqual({ kind: 'failed', message: 'Bad JSON' })
  })

  it('reads refused files by their status', () => {
    expect(refusalOf(new CallError(413, 'too_large', ''))).toEqual({ kind: 'file', reason: 'tooLarge' })
    expect(refusalOf(new CallError(415, 'unsupported_media_type', ''))).toEqual({ kind: 'file', reason: 'notImage' })
  })

  it('treats a hazard out of reach (404) like a refused role', () => {
    expect(refusalOf(new CallError(404, 'not_found', ''))).toEqual({ kind: 'notAllowed' })
  })

  it('passes on what is not an API refusal', () => {
    expect(refusalOf(new Error('boom'))).toEqual({ kind: 'failed', message: 'boom' })
  })
})

describe('reasonOf', () => {
  it('recognises the server’s own field reasons', () => {
    expect(reasonOf('outside your area')).toEqual({ known: 'outsideArea' })
    expect(reasonOf('in the future')).toEqual({ known: 'future' })
    expect(reasonOf('not an item of mass_incident')).toEqual({ known: 'wrongItem' })
  })
})
