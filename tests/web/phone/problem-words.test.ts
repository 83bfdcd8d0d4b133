import { describe, expect, it } from 'vitest'
import { problemWords } from '../../../web/phone/outbox/problem-words'

describe('problemWords', () => {
  it('says a refusal in Chinese and English and keeps the server’s own words', () => {
    expect(problemWords({ status: 422, code: 'too_many_photos', message: 'A hazard holds at most 5 found photos.' })).toEqual({
      zh: '该隐患的照片已达上限（A hazard holds at most 5 found photos.）',
      en: 'The hazard holds as many photos as it may (A hazard holds at most 5 found photos.)',
    })
  })

  it('falls back on the status for a code it does not know, and on a plain refusal for a status it does not know', () => {
    expect(problemWords({ status: 403, code: 'four_eyes', message: '' }).zh).toBe('此账号无权办理')
    expect(problemWords({ status: 418, code: 'teapot', message: 'no' }).en).toBe('The server refused it (no)')
  })
})
