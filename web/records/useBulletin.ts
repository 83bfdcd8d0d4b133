import { type Ref, shallowRef, watch } from 'vue'
import { type Bulletin, fetchBulletin } from '../api/bulletins'
import { messageOf } from './errors'

/** The bulletin of the month in `month`, fetched again whenever the month changes; the latest asked wins. */
export function useBulletin(month: Ref<string | undefined>) {
  const bulletin = shallowRef<Bulletin>()
  const failure = shallowRef<string>()
  const loading = shallowRef(false)
  let asked = 0

  watch(
    month,
    async (m) => {
      const mine = ++asked
      bulletin.value = undefined
      failure.value = undefined
      if (!m) return
      loading.value = true
      try {
        const answer = await fetchBulletin(m)
        if (mine === asked) bulletin.value = answer
      } catch (error) {
        if (mine === asked) failure.value = messageOf(error)
      } finally {
        if (mine === asked) loading.value = false
      }
    },
    { immediate: true },
  )
  return { bulletin, failure, loading }
}
