import { defineStore } from 'pinia'
import { ref } from 'vue'

/**
 * What the live stream has announced. `revision` rises on every change the caller may see, so
 * anything showing ledger data (tiles, figures, charts, lists) refetches when it moves.
 */
export const useLiveStore = defineStore('live', () => {
  const revision = ref(0)
  /** when the data shown was last known current (ISO time) */
  const asOf = ref<string>()
  const connected = ref(false)

  function changed(at = new Date().toISOString()): void {
    revision.value++
    asOf.value = at
  }

  return { revision, asOf, connected, changed }
})
