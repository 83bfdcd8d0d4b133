import type { Services } from './context'
import { ApiError } from './errors'

/** How long a refused caller is asked to wait: file jobs take seconds, not minutes. */
const RETRY_AFTER_SECONDS = 5

/**
 * A counting semaphore without a queue: exports and imports (ledger files, boundaries) hold a
 * server for seconds and much memory each, so beyond FILE_JOBS at once a caller is told to come
 * back (429 with Retry-After) rather than left waiting while memory grows.
 */
export class FileJobs {
  private running = 0

  constructor(private readonly limit: () => number) {}

  /** A release function when a slot was free, else undefined. */
  tryAcquire(): (() => void) | undefined {
    if (this.running >= this.limit()) return undefined
    this.running++
    let released = false
    return () => {
      if (released) return
      released = true
      this.running--
    }
  }

  /** Runs `job` in a slot, freed however the job ends; 429 when every slot is taken. */
  async run<T>(job: () => T | Promise<T>): Promise<T> {
    const release = this.tryAcquire()
    if (!release)
      throw new ApiError(429, 'busy', `The server is already running ${this.limit()} imports or exports; try again in a few seconds.`, { retryAfter: RETRY_AFTER_SECONDS }, {
        'retry-after': String(RETRY_AFTER_SECONDS),
      })
    try {
      return await job()
    } finally {
      release()
    }
  }
}

const byServer = new WeakMap<Services, FileJobs>()

/** The one semaphore of a running server (its Services), reading FILE_JOBS as it is now. */
export function fileJobs(s: Services): FileJobs {
  let jobs = byServer.get(s)
  if (!jobs) byServer.set(s, (jobs = new FileJobs(() => s.env.FILE_JOBS)))
  return jobs
}
