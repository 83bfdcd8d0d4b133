import { shallowRef } from 'vue'
import { type Traceback, type TracebackAsk, fetchTraceback } from '../api/traceback'
import { messageOf } from '../records/errors'

/** A trace-back asked and its answer; the latest asked wins. */
export function useTraceback() {
  const traceback = shallowRef<Traceback>()
  const failure = shallowRef<string>()
  const loading = shallowRef(false)
  let asked = 0

  async function run(ask: TracebackAsk): Promise<void> {
    const mine = ++asked
    failure.value = undefined
    loading.value = true
    try {
      const answer = await fetchTraceback(ask)
      if (mine === asked) traceback.value = answer
    } catch (error) {
      if (mine === asked) {
        traceback.value = undefined
        failure.value = messageOf(error)
      }
    } finally {
      if (mine === asked) loading.value = false
    }
  }
  return { traceback, failure, loading, run }
}
