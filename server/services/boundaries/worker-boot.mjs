// A worker thread's entry in plain JavaScript: it registers tsx in its own thread (a worker does not
// inherit the loader `node --import tsx` gave the main one, nor vitest's), then loads the TypeScript.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
