import { describe, expect, it } from 'vitest'
import { translate } from '../../../web/phone/phone-i18n'

describe('the phone texts', () => {
  it('reads a message in the chosen language with its placeholders filled', () => {
    expect(translate('zh-CN', 'app.unsent', { n: 3 })).toBe('3 项未发送')
    expect(translate('en', 'app.unsent', { n: 3 })).toBe('3 unsent')
  })

  it('leaves a placeholder it was not given visible rather than blank', () => {
    expect(translate('en', 'app.unsent')).toBe('{n} unsent')
  })

  it('switches every screen text, not only the tab names', () => {
    expect(translate('zh-CN', 'tabs.outbox')).toBe('发件箱')
    expect(translate('en', 'tabs.outbox')).toBe('Outbox')
    expect(translate('en', 'login.submit')).toBe('Sign in')
  })
})
