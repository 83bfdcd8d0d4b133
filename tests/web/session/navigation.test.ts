import { describe, expect, it } from 'vitest'
import { afterLoginPath, landingPath, loginLocation, safeNext, sessionRedirect } from '../../../web/session/navigation'
import { makeUser } from './factories'

const route = (fullPath: string) => {
  const url = new URL(fullPath, 'http://app.test')
  return { path: url.pathname, fullPath, query: Object.fromEntries(url.searchParams) }
}

describe('safeNext', () => {
  it.each(['/', '/wall', '/?x=1', '/work?status=open&area=370283', '/wall#top', '/%E5%B9%B3%E5%AE%89'])('keeps the app path %s', (next) => {
    expect(safeNext(next)).toBe(next)
  })

  it.each([
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with a path', '//evil.example/login'],
    ['backslash, which browsers read as a slash', '/\\evil.example'],
    ['absolute URL', 'https://evil.example/'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['relative path', 'wall'],
    ['tab that browsers drop', '/\t/evil.example'],
    ['newline that browsers drop', '/\n/evil.example'],
    ['empty', ''],
  ])('refuses a %s', (_what, next) => {
    expect(safeNext(next)).toBeUndefined()
  })

  it('refuses what is not one string (missing, or repeated in the query)', () => {
    expect(safeNext(undefined)).toBeUndefined()
    expect(safeNext(null)).toBeUndefined()
    expect(safeNext(['/wall', '/work'])).toBeUndefined()
  })

  it('refuses the login page itself, so logging in never lands on it again', () => {
    expect(safeNext('/login?next=/wall')).toBeUndefined()
  })

  it('normalises dot segments instead of following them out of the app', () => {
    expect(safeNext('/../../wall')).toBe('/wall')
  })
})

describe('landingPath', () => {
  it('starts the wall display on the wall', () => {
    expect(landingPath(makeUser({ username: 'wall', role: 'wall' }))).toBe('/wall')
  })

  it.each(['leader', 'analyst', 'lead_unit', 'district', 'grid', 'admin'] as const)('starts a %s at the desk', (role) => {
    expect(landingPath(makeUser({ role }))).toBe('/')
  })
})

describe('afterLoginPath', () => {
  it('returns to the page the reader was sent away from', () => {
    expect(afterLoginPath(makeUser(), '/?x=1')).toBe('/?x=1')
  })

  it('falls back to the role’s start when next is missing or foreign', () => {
    expect(afterLoginPath(makeUser(), undefined)).toBe('/')
    expect(afterLoginPath(makeUser(), '//evil.example')).toBe('/')
    expect(afterLoginPath(makeUser({ role: 'wall' }), 'https://evil.example')).toBe('/wall')
  })
})

describe('loginLocation', () => {
  it('remembers the full path with its query', () => {
    expect(loginLocation('/work?x=1')).toEqual({ path: '/login', query: { next: '/work?x=1' } })
  })

  it('leaves next out for the desk, where everyone but the wall starts anyway', () => {
    expect(loginLocation('/')).toEqual({ path: '/login' })
  })
})

describe('sessionRedirect', () => {
  it('lets a logged-in user through', () => {
    expect(sessionRedirect(route('/work'), makeUser())).toBe(true)
  })

  it('sends nobody to the login page with the way back', () => {
    expect(sessionRedirect(route('/?x=1'), null)).toEqual({ path: '/login', query: { next: '/?x=1' } })
  })

  it('shows the login page to nobody', () => {
    expect(sessionRedirect(route('/login?next=/wall'), null)).toBe(true)
  })

  it('moves a logged-in user on from the login page to where they were headed', () => {
    expect(sessionRedirect(route('/login?next=/work'), makeUser())).toBe('/work')
    expect(sessionRedirect(route('/login?next=//evil.example'), makeUser())).toBe('/')
  })

  it('keeps the wall account on the wall, whatever page it is sent to', () => {
    const wall = makeUser({ role: 'wall' })
    expect(sessionRedirect(route('/wall?tour=5'), wall)).toBe(true)
    for (const path of ['/', '/?layers=heat', '/work', '/bulletin/2026-10', '/login?next=/work']) expect(sessionRedirect(route(path), wall), path).toBe('/wall')
  })
})
