import { ref, shallowRef, watch } from 'vue'
import { fetchCoverage } from '../api/inspections'
import type { InspectionSource } from '../../server/domain/sources'
import type { Coverage, TrendInterval } from '../../server/domain/stats'
import { messageOf } from './errors'

/** Coverage for a cycle (half-month, week, month) holding a date, counting some kinds of inspection. */
export function useCoverage(today: () => string | undefined) {
  const bucket = shallowRef<TrendInterval>('half-month')
  const date = shallowRef<string>('')
  const sources = ref<InspectionSource[]>(['concentrated'])
  const coverage = shallowRef<Coverage>()
  const failure = shallowRef<string>()
  let asked = 0

  async function load(): Promise<void> {
    const day = date.value || today()
    if (!day) return
    const mine = ++asked
    failure.value = undefined
    try {
      const answer = await fetchCoverage(day, bucket.value, sources.value)
      if (mine === asked) coverage.value = answer
    } catch (error) {
      if (mine === asked) failure.value = messageOf(error)
    }
  }

  watch([bucket, date, sources, today], () => void load(), { deep: true, immediate: true })
  return { bucket, date, sources, coverage, failure, load }
}
