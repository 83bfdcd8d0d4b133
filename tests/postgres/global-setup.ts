import type { TestProject } from 'vitest/node'
import { startTestCluster } from './cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    /** a superuser's URL to the test cluster's `postgres` database */
    pgAdminUrl: string
  }
}

/** One throw-away cluster for the whole postgres project; each test file makes its own databases. */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startTestCluster()
  project.provide('pgAdminUrl', cluster.url)
  return () => cluster.stop()
}
