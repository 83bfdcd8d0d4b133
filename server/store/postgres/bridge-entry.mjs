// The bridge's worker thread starts here: it registers tsx for itself (a worker does not inherit
// the main thread's TypeScript loader on Node 20), then runs the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./bridge-worker.ts')
