import { type ShallowRef, shallowRef } from 'vue'
import { type AccountabilityLimits, defaultLimits } from '../../server/domain/accountability'
import { fetchHealth } from '../api/health'

const limits = shallowRef<AccountabilityLimits>(defaultLimits)
let asked: Promise<void> | undefined

/** The deployment's accountability limits (GET /api/health), asked once a page; the defaults until they come. */
export function useLimits(): Readonly<ShallowRef<AccountabilityLimits>> {
  asked ??= fetchHealth().then(
    (health) => void (limits.value = health.limits),
    // Asked again by the next card: a failure leaves the defaults meanwhile.
    () => void (asked = undefined),
  )
  return limits
}
