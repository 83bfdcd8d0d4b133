import { describe, expect, it } from 'vitest'
import { ACCOUNT_CACHES, cacheFor, cachePlan, changesAccount, FONT_CACHE, SHELL_NAVIGATIONS } from '../../../web/phone/sw-policy'

const ORIGIN = 'https://pingan.example.gov.cn'
const at = (path: string, origin = ORIGIN) => new URL(path, origin)

describe('what the phone service worker keeps', () => {
  it('keeps the village map data and the task list, refreshing them', () => {
    expect(cachePlan('GET', at('/api/areas?level=grid&parent=370283122001'), ORIGIN)).toBe('map-data')
    expect(cachePlan('GET', at('/api/sites'), ORIGIN)).toBe('map-data')
    expect(cachePlan('GET', at('/api/basemap'), ORIGIN)).toBe('map-data')
    expect(cachePlan('GET', at('/api/meta'), ORIGIN)).toBe('map-data')
    expect(cachePlan('GET', at('/api/work?limit=50'), ORIGIN)).toBe('work')
    expect(cachePlan('GET', at('/assets/noto-sans-sc-119-400-normal-abc123.woff2'), ORIGIN)).toBe('font')
  })

  it('never keeps a POST, the session, another origin or the rest of the API', () => {
    expect(cachePlan('POST', at('/api/hazards'), ORIGIN)).toBe('network')
    expect(cachePlan('POST', at('/api/areas/import'), ORIGIN)).toBe('network')
    expect(cachePlan('GET', at('/api/auth/me'), ORIGIN)).toBe('network')
    expect(cachePlan('GET', at('/api/stream'), ORIGIN)).toBe('network')
    expect(cachePlan('GET', at('/api/tiles/hazards/12/3400/1500'), ORIGIN)).toBe('network')
    expect(cachePlan('GET', at('/api/hazards?mine=1'), ORIGIN)).toBe('network')
    expect(cachePlan('GET', at('/api/sites', 'https://tiles.example.com'), ORIGIN)).toBe('network')
  })

  it('keeps fonts apart from the account\'s data, which alone is forgotten', () => {
    expect(cacheFor('font')).toBe(FONT_CACHE)
    expect(ACCOUNT_CACHES).not.toContain(FONT_CACHE)
    expect(ACCOUNT_CACHES).toEqual(expect.arrayContaining([cacheFor('map-data'), cacheFor('work')]))
    expect(cacheFor('network')).toBeUndefined()
  })

  it('forgets the account\'s data when someone logs in or out', () => {
    expect(changesAccount('POST', at('/api/auth/login'), ORIGIN)).toBe(true)
    expect(changesAccount('POST', at('/api/auth/logout'), ORIGIN)).toBe(true)
    expect(changesAccount('GET', at('/api/auth/me'), ORIGIN)).toBe(false)
    expect(changesAccount('POST', at('/api/hazards'), ORIGIN)).toBe(false)
  })

  it('answers the phone app\'s navigations with its shell, and not the desk\'s', () => {
    const shell = (path: string) => SHELL_NAVIGATIONS.some((re) => re.test(path))
    expect(shell('/phone/')).toBe(true)
    expect(shell('/phone/outbox')).toBe(true)
    expect(shell('/')).toBe(false)
    expect(shell('/wall')).toBe(false)
    expect(shell('/phones')).toBe(false)
  })
})
