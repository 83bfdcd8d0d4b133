import { defineStore } from 'pinia'
import { ref } from 'vue'

/** Where the page stands with the live stream. */
export type LinkState = 'connecting' | 'live' | 'interrupted'

/**
 * What the live stream has announced. `revision` rises on every change the caller may see, so
 * anything showing ledger data (tiles, figures, charts, lists) refetches when it moves.
 */
export const useLiveStore = defineStore('live', () => {
  const revision = ref(0)
  /**
   * Rises when a warning is issued or changes, and with every `revision` too (a reload refetches
   * everything): the warnings' views follow it, while the ledger's tiles and figures do not refetch
   * for a warning.
   */
  const warningRevision = ref(0)
  /** when the data shown was last known current (ISO time) */
  const asOf = ref<string>()
  const connected = ref(false)
  /** false until the stream has answered once, so "not connected" can read "connecting" at first */
  const everConnected = ref(false)

  function changed(at = new Date().toISOString()): void {
    revision.value++
    warningRevision.value++
    asOf.value = at
  }

  /** A warning was issued or changed: only the warnings' views ask again. */
  function warningChanged(at = new Date().toISOString()): void {
    warningRevision.value++
    asOf.value = at
  }

  /** The data shown is current at `at`, with nothing to refetch (the stream opened, or just dropped). */
  function current(at = new Date().toISOString()): void {
    asOf.value = at
  }

  function linked(): void {
    connected.value = true
    everConnected.value = true
  }

  /** The stream dropped: what is shown was current up to now and may age from here on. */
  function unlinked(at = new Date().toISOString()): void {
    if (connected.value) current(at)
    connected.value = false
  }

  return { revision, warningRevision, asOf, connected, everConnected, changed, warningChanged, current, linked, unlinked }
})
