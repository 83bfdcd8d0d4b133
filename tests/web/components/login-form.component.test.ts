// @vitest-environment happy-dom
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import LoginForm from '../../../web/session/LoginForm.vue'
import { makeUser } from '../session/factories'
import { fakeServer, flushPromises, heldAnswer, jsonResponse, mountForm, refusal } from './mount'

const LOGIN = 'POST /api/auth/login'
const health = (demo: boolean) => () => jsonResponse(200, { ok: true, today: '2026-06-28', demo })

let wrapper: VueWrapper | undefined
afterEach(() => wrapper?.unmount())

async function mountLogin(path = '/login'): Promise<{ w: VueWrapper; router: Router }> {
  const blank = { render: () => null }
  const router = createRouter({ history: createMemoryHistory(), routes: ['/', '/wall', '/work', '/login'].map((p) => ({ path: p, component: blank })) })
  await router.push(path)
  wrapper = mountForm(LoginForm, { plugins: [router] })
  await flushPromises()
  return { w: wrapper, router }
}

async function logIn(w: VueWrapper, username: string, password: string): Promise<void> {
  await w.find('#login-username').setValue(username)
  await w.find('#login-password').setValue(password)
  await w.find('form').trigger('submit')
  await flushPromises()
}

const error = (w: VueWrapper) => w.find('[data-testid=login-error]').text()

describe('the login form', () => {
  it('asks for both the username and the password before sending anything', async () => {
    const server = fakeServer({ 'GET /api/health': health(false) })
    const { w } = await mountLogin()
    await logIn(w, 'leader', '')
    expect(error(w)).toBe('请输入用户名和密码。')
    expect(server.sent(LOGIN)).toEqual([])
  })

  it('says the credentials are wrong on a 401, marks both fields and stays on the page', async () => {
    fakeServer({ 'GET /api/health': health(false), [LOGIN]: () => refusal(401, 'invalid_credentials', 'Wrong username or password.') })
    const { w, router } = await mountLogin()
    await logIn(w, 'leader', 'nope')
    expect(error(w)).toBe('用户名或密码错误。')
    expect(w.find('#login-username').attributes('aria-invalid')).toBe('true')
    expect(w.find('#login-password').attributes('aria-invalid')).toBe('true')
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('asks the reader to wait after too many attempts (429)', async () => {
    fakeServer({ 'GET /api/health': health(false), [LOGIN]: () => refusal(429, 'too_many_attempts', 'Too many failed logins; try again later.') })
    const { w } = await mountLogin()
    await logIn(w, 'leader', 'nope')
    expect(error(w)).toBe('尝试次数过多，请15分钟后再试。')
  })

  it('sends the trimmed username, is disabled while it waits, then goes where the reader was headed', async () => {
    const held = heldAnswer(() => jsonResponse(200, { user: makeUser({ username: 'grid-V1', role: 'grid', areaId: 'V1' }) }))
    const server = fakeServer({ 'GET /api/health': health(false), [LOGIN]: held.answer })
    const { w, router } = await mountLogin('/login?next=/work')
    await logIn(w, '  grid-V1 ', 'pingan2026')
    const button = w.find('button[type=submit]')
    expect(button.attributes('disabled')).toBeDefined()
    expect(button.text()).toBe('正在登录…')
    await held.release()
    expect(server.sent(LOGIN).map((r) => r.body)).toEqual([{ username: 'grid-V1', password: 'pingan2026' }])
    expect(router.currentRoute.value.fullPath).toBe('/work')
    expect(error(w)).toBe('')
  })

  it('offers the demo accounts only on a demo server, and a click fills the username', async () => {
    fakeServer({ 'GET /api/health': health(true) })
    const { w } = await mountLogin()
    expect(w.find('[data-testid=demo-accounts]').exists()).toBe(true)
    await w.find('[data-testid=demo-accounts] button').trigger('click')
    expect((w.find('#login-username').element as HTMLInputElement).value).toBe('leader')
    wrapper!.unmount()
    fakeServer({ 'GET /api/health': health(false) })
    const plain = await mountLogin()
    expect(plain.w.find('[data-testid=demo-accounts]').exists()).toBe(false)
  })
})
