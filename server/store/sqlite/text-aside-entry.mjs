// The text index's worker thread starts here: it registers tsx for itself (a worker does not
// inherit the main thread's TypeScript loader on Node 20), then runs the TypeScript worker. A
// failure to start is sent as the worker's answer: the main thread waits for one without an event loop.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

try {
  register()
  await import('./text-aside-worker.ts')
} catch (err) {
  workerData.port.postMessage({ type: 'error', message: `the text index's worker did not start: ${err?.stack ?? err}` })
  const flag = new Int32Array(workerData.signal)
  Atomics.add(flag, 0, 1)
  Atomics.notify(flag, 0)
}
