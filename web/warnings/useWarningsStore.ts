import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { type WarningList, type WarningView, fetchWarnings } from '../api/warnings'
import { type WarningFilter, byUrgency, emptyWarningFilter, warningAsk } from './warnings'

/**
 * The desk's warnings: the panel's filter, the list it answers, and the warning opened beside the
 * map. The panel, the map layer and the drawer read it; none of them imports another.
 */
export const useWarningsStore = defineStore('warnings', () => {
  const filter = shallowRef<WarningFilter>(emptyWarningFilter())
  const list = shallowRef<WarningList>()
  const failure = shallowRef<unknown>()
  const loading = shallowRef(false)
  /** the warning whose reason and evidence are shown beside the map */
  const openId = shallowRef<number>()
  /** the warned areas drawn on the map (while the panel is unfolded) */
  const layerShown = shallowRef(false)
  let asked = 0

  const ask = computed(() => warningAsk(filter.value))
  const rows = computed<WarningView[]>(() => [...(list.value?.warnings ?? [])].sort(byUrgency))

  /** Asks for the list the filter names; only the latest answer is kept. */
  async function load(): Promise<void> {
    const question = ++asked
    loading.value = true
    try {
      const answer = await fetchWarnings(ask.value)
      if (question !== asked) return
      list.value = answer
      failure.value = undefined
    } catch (error) {
      if (question === asked) failure.value = error
    } finally {
      if (question === asked) loading.value = false
    }
  }

  function setFilter(next: Partial<WarningFilter>): void {
    filter.value = { ...filter.value, ...next }
  }

  function open(id: number | undefined): void {
    openId.value = id
  }

  return { filter, list, rows, failure, loading, openId, layerShown, ask, load, setFilter, open }
})
