import { onMounted, shallowRef } from 'vue'
import { fetchHealth } from '../api/health'

/** Whether this server runs the demo database (GET /api/health); false until it says so. */
export function useDemoServer() {
  const demo = shallowRef(false)
  onMounted(async () => {
    // The hint is a convenience: a server that cannot say leaves it out, and the form reports failures.
    demo.value = await fetchHealth().then((health) => health.demo, () => false)
  })
  return { demo }
}
