import { describe, expect, it } from 'vitest'
import type { PostView } from '../../../server/domain/contract/posts'
import { assignBody, assignProblems, postRows } from '../../../web/records/posts'

const post = (id: number, place: string, placeName: string, name: string, from: string, to: string | null): PostView => ({
  id, kind: 'grid_worker', place, placeName, holder: { name, phone: null, username: null }, from, to,
})

describe('the posts page’s rows', () => {
  const old = post(1, 'g2', '乙网格', '赵成', '2026-01-01', '2026-06-30')
  const now = post(2, 'g2', '乙网格', '苏辉英', '2026-07-01', null)
  const other = post(3, 'g1', '甲网格', '李英', '2026-01-01', null)

  it('gives each post its holder on the day and every record oldest first, the changed posts first', () => {
    const rows = postRows([other, now], [now, old, other])
    expect(rows.map((r) => [r.place, r.holder?.holder.name, r.records.map((p) => p.holder.name)])).toEqual([
      ['g2', '苏辉英', ['赵成', '苏辉英']],
      ['g1', '李英', ['李英']],
    ])
  })

  it('keeps a post with no holder on the day (its history only), and filters by place name', () => {
    const rows = postRows([other], [old, other])
    expect(rows.find((r) => r.place === 'g2')).toMatchObject({ holder: undefined, records: [old] })
    expect(postRows([other, now], [now, old, other], '乙').map((r) => r.place)).toEqual(['g2'])
  })
})

describe('assigning a new holder', () => {
  it('asks for the place, the name and the first day', () => {
    expect(assignProblems({ place: '', name: ' ', phone: '', username: '', from: '' })).toEqual({ place: 'required', name: 'required', from: 'required' })
  })

  it('sends the holder trimmed, leaving out an empty phone and account', () => {
    expect(assignBody('grid_worker', { place: 'g1', name: ' 赵新民 ', phone: '', username: ' grid-x ', from: '2026-06-16' })).toEqual({
      kind: 'grid_worker', place: 'g1', from: '2026-06-16', holder: { name: '赵新民', username: 'grid-x' },
    })
  })
})
