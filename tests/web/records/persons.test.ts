import { describe, expect, it } from 'vitest'
import { revealReasonOk, shownRecords } from '../../../web/records/persons'

describe('reason to unmask', () => {
  it('needs at least four characters, not counting surrounding spaces', () => {
    expect(revealReasonOk('走访核查')).toBe(true)
    expect(revealReasonOk('  核查  ')).toBe(false)
    expect(revealReasonOk('')).toBe(false)
  })
})

describe('the register as shown', () => {
  const masked = [
    { id: 1, name: '张*' },
    { id: 2, name: '李*' },
  ]

  it('shows the revealed copy of a record in its place, in the list order', () => {
    expect(shownRecords(masked, new Map([[2, { id: 2, name: '李娜' }]]))).toEqual([{ id: 1, name: '张*' }, { id: 2, name: '李娜' }])
  })

  it('shows every record masked when none was revealed', () => {
    expect(shownRecords(masked, new Map())).toEqual(masked)
  })
})
