import { describe, expect, it } from 'vitest'
import { SOON_DAYS, countdown, orderQueue, taskTabs } from '../../../web/work/useWorkQueue'
import { makeItem } from './factories'

describe('countdown', () => {
  it('says nothing runs when there is no running deadline', () => {
    expect(countdown(null)).toEqual({ kind: 'none' })
  })

  it('counts the days overdue as a positive number', () => {
    expect(countdown(-13)).toEqual({ kind: 'overdue', days: 13 })
  })

  it('calls a deadline of today due today, not overdue', () => {
    expect(countdown(0)).toEqual({ kind: 'today' })
  })

  it('warns within the last days and not before', () => {
    expect(countdown(SOON_DAYS)).toEqual({ kind: 'soon', days: SOON_DAYS })
    expect(countdown(SOON_DAYS + 1)).toEqual({ kind: 'later', days: SOON_DAYS + 1 })
  })
})

describe('orderQueue', () => {
  it('puts the most overdue first, then the nearest deadline, then hazards without one', () => {
    const items = [
      makeItem({ id: 1, daysLeft: null, discoveredAt: '2026-01-01' }),
      makeItem({ id: 2, daysLeft: 5 }),
      makeItem({ id: 3, daysLeft: -2 }),
      makeItem({ id: 4, daysLeft: -20 }),
      makeItem({ id: 5, daysLeft: 0 }),
    ]
    expect(orderQueue(items).map((i) => i.id)).toEqual([4, 3, 5, 2, 1])
  })

  it('lists hazards without a deadline longest waiting first, then by id', () => {
    const items = [
      makeItem({ id: 7, discoveredAt: '2026-06-10' }),
      makeItem({ id: 9, discoveredAt: '2026-05-01' }),
      makeItem({ id: 8, discoveredAt: '2026-06-10' }),
    ]
    expect(orderQueue(items).map((i) => i.id)).toEqual([9, 7, 8])
  })

  it('leaves the given list untouched', () => {
    const items = [makeItem({ id: 2, daysLeft: 3 }), makeItem({ id: 1, daysLeft: -1 })]
    orderQueue(items)
    expect(items.map((i) => i.id)).toEqual([2, 1])
  })
})

describe('taskTabs', () => {
  it('offers the tasks that hold something, in the plan’s order', () => {
    expect(taskTabs({ verify: 2, assess: 3, assign: 0, chase: 1 })).toEqual([
      { task: 'assess', count: 3 },
      { task: 'verify', count: 2 },
      { task: 'chase', count: 1 },
    ])
  })

  it('offers nothing for an empty queue', () => {
    expect(taskTabs({})).toEqual([])
  })
})
