import pg from 'pg'
import type { Services } from '../../../server/services/context'
import { LedgerIndex } from '../../../server/services/ledger'
import { type TestApp, openTestApp } from '../support/app'

/** Another instance on the same database as `first`, with its own bridge connection and follower. */
export function secondInstance(first: TestApp, extra: Record<string, string> = {}): Promise<TestApp> {
  return openTestApp({ DATABASE_URL: first.services.env.DATABASE_URL!, ...extra })
}

/** A plain connection to the instance's database, as another writer would have. */
export async function plainClient(t: TestApp): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: t.services.env.DATABASE_URL })
  await c.connect()
  return c
}

/**
 * Where an instance's index disagrees with the database (read afresh through its store): ids
 * missing or extra, and rows whose indexed values differ. Empty when they agree.
 */
export function indexDrift(s: Services): string[] {
  const db = new LedgerIndex(s.store.areas.list().map((a) => ({ ...a })), s.store.hazards.scanIndexed())
  const mine = s.ledger.columns
  const theirs = db.columns
  const drift: string[] = []
  if (mine.n !== theirs.n) drift.push(`${mine.n} hazards in the index, ${theirs.n} in the database`)
  for (let j = 0; j < theirs.n; j++) {
    const id = theirs.id[j]!
    const i = mine.slotOf(id)
    if (i === undefined) {
      drift.push(`hazard ${id} missing`)
      continue
    }
    const columns = ['status', 'level', 'escalated', 'grid', 'deadline', 'closed', 'campaign', 'discovered', 'rectified'] as const
    for (const c of columns) if (mine[c][i] !== theirs[c][j]) drift.push(`hazard ${id}: ${c} ${mine[c][i]} ≠ ${theirs[c][j]}`)
  }
  return drift
}
