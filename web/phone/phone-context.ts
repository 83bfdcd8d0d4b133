import { type InjectionKey, type ShallowRef, inject } from 'vue'
import type { SessionUser } from '../api/auth'

/** The logged-in (or last known) worker, given to every screen by PhoneApp. */
export const phoneUserKey: InjectionKey<Readonly<ShallowRef<SessionUser | undefined>>> = Symbol('phone-user')

export function usePhoneUser(): SessionUser {
  const user = inject(phoneUserKey)?.value
  if (!user) throw new Error('a phone screen outside a session')
  return user
}
