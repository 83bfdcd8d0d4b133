import { shallowRef, watch } from 'vue'
import { type CheckLevel, type CheckPlanCoverage, type MissedChecks, fetchCheckCoverage, fetchMissedChecks } from '../api/check-plans'
import type { CoverageBucket } from './coverage'
import { messageOf } from './errors'

/**
 * Coverage against what was due (check plans): the half-month or month holding a date (today's by
 * default), per village, district, lead unit or key site, and the checks missed in it (未查).
 */
export function useCoverage(today: () => string | undefined) {
  const bucket = shallowRef<CoverageBucket>('half-month')
  const date = shallowRef<string>('')
  const level = shallowRef<CheckLevel>('village')
  const coverage = shallowRef<CheckPlanCoverage>()
  const missed = shallowRef<MissedChecks>()
  const failure = shallowRef<string>()
  let asked = 0

  async function load(): Promise<void> {
    const period = date.value || today()
    if (!period) return
    const mine = ++asked
    failure.value = undefined
    try {
      const q = { period, bucket: bucket.value, level: level.value }
      const [rows, list] = await Promise.all([fetchCheckCoverage(q), fetchMissedChecks(q)])
      if (mine !== asked) return
      coverage.value = rows
      missed.value = list
    } catch (error) {
      if (mine === asked) failure.value = messageOf(error)
    }
  }

  watch([bucket, date, level, today], () => void load(), { immediate: true })
  return { bucket, date, level, coverage, missed, failure, load }
}
