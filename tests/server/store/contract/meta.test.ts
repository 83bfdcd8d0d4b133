import { afterEach, describe, expect, it } from 'vitest'
import { type BareStore, openBareStore } from '../../../postgres/store'

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

describe('the store (each adapter): settings and transactions', () => {
  it('keeps a setting and replaces it', async () => {
    open = await openBareStore()
    const { meta } = open.store
    expect(meta.get('campaignStart')).toBeUndefined()
    meta.set('campaignStart', '2026-01-01')
    meta.set('campaignStart', '2026-02-01')
    expect(meta.get('campaignStart')).toBe('2026-02-01')
  })

  it('lands all of a transaction’s writes or none, and undoes an inner one alone', async () => {
    open = await openBareStore()
    const { store } = open
    expect(() =>
      store.transaction(() => {
        store.meta.set('a', '1')
        throw new Error('refused')
      }),
    ).toThrow('refused')
    expect(store.meta.get('a')).toBeUndefined()
    const result = store.transaction(() => {
      store.meta.set('b', '1')
      try {
        store.transaction(() => {
          store.meta.set('c', '1')
          throw new Error('inner')
        })
      } catch {
        // the inner part is undone, the outer goes on
      }
      return 'done'
    })
    expect(result).toBe('done')
    expect([store.meta.get('b'), store.meta.get('c')]).toEqual(['1', undefined])
  })
})
