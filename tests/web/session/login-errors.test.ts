import { describe, expect, it } from 'vitest'
import { CallError } from '../../../web/api/client'
import { loginErrorKey } from '../../../web/session/useLogin'
import { en } from '../../../web/i18n/en'
import { zhCN } from '../../../web/i18n/zh-CN'

describe('loginErrorKey', () => {
  it('says the credentials are wrong for a 401', () => {
    expect(loginErrorKey(new CallError(401, 'bad_credentials', 'Wrong username or password.'))).toBe('login.badCredentials')
    expect(zhCN.login.badCredentials).toContain('用户名或密码错误')
  })

  it('asks the reader to wait for a 429', () => {
    expect(loginErrorKey(new CallError(429, 'too_many_attempts', 'Too many failed logins.'))).toBe('login.tooManyAttempts')
    expect(zhCN.login.tooManyAttempts).toContain('尝试次数过多，请15分钟后再试')
  })

  it('blames the network when the server never answered', () => {
    expect(loginErrorKey(new CallError(0, 'no_answer', 'Failed to fetch'))).toBe('login.noAnswer')
  })

  it('passes any other refusal on with the server’s words', () => {
    expect(loginErrorKey(new CallError(403, 'forbidden', 'Cross-origin request refused.'))).toBe('login.failed')
    expect(loginErrorKey(new Error('boom'))).toBe('login.failed')
    expect(en.login.failed).toContain('{message}')
  })
})
