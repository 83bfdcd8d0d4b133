import { computed, shallowRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { CallError } from '../api/client'
import type { MessageKey } from '../i18n'
import { afterLoginPath } from './navigation'
import { useSessionStore } from '../stores/session'
import { useLocale } from '../composables/useLocale'

/** What went wrong with a login, as a message key; 'login.failed' carries the server's words. */
export function loginErrorKey(error: unknown): MessageKey {
  if (error instanceof CallError) {
    if (error.notLoggedIn) return 'login.badCredentials'
    if (error.tooManyAttempts) return 'login.tooManyAttempts'
    if (error.noAnswer) return 'login.noAnswer'
  }
  return 'login.failed'
}

/** The login form's state and its one action: log in, then go back where the reader was headed. */
export function useLogin() {
  const session = useSessionStore()
  const route = useRoute()
  const router = useRouter()
  const { t } = useLocale()

  const username = shallowRef('')
  const password = shallowRef('')
  const submitting = shallowRef(false)
  const failure = shallowRef<{ key: MessageKey; message: string }>()
  // Kept as a key so the message follows a language switch.
  const errorMessage = computed(() => failure.value && t(failure.value.key, { message: failure.value.message }))

  async function submit(): Promise<void> {
    if (submitting.value) return
    if (!username.value.trim() || !password.value) {
      failure.value = { key: 'login.missing', message: '' }
      return
    }
    submitting.value = true
    failure.value = undefined
    try {
      const user = await session.login(username.value.trim(), password.value)
      await router.replace(afterLoginPath(user, route.query['next']))
    } catch (error) {
      failure.value = { key: loginErrorKey(error), message: error instanceof Error ? error.message : String(error) }
    } finally {
      submitting.value = false
    }
  }

  return { username, password, submitting, errorMessage, submit }
}
