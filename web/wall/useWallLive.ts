import { onBeforeUnmount, watch } from 'vue'
import { confirmSession, openStream, type WallTally } from '../api/stream'
import { useLiveStore } from '../stores/live'
import { useSessionStore } from '../stores/session'
import { followStream } from '../live/useLiveUpdates'

/**
 * Follows `/api/stream` as the desk does (the live store's revision and as-of time, reconnection
 * after a drop or a refusal), and also hands every `tally` (what the wall is told instead of
 * single hazards) to the wall at once, for its ticker and its pulses: those must not wait for the refetch.
 */
export function useWallLive(onTally: (tally: WallTally) => void): void {
  const session = useSessionStore()
  const open = () => {
    const stream = openStream()
    stream.addEventListener('tally', (message: MessageEvent<string>) => {
      try {
        onTally(JSON.parse(message.data) as WallTally)
      } catch {
        // A malformed event changes nothing on the wall; the refetch it triggers still happens.
      }
    })
    return stream
  }
  const follower = followStream({ live: useLiveStore(), open, confirmSession })
  watch(() => session.user !== null, (loggedIn) => (loggedIn ? follower.start() : follower.stop()), { immediate: true })
  onBeforeUnmount(follower.stop)
}
