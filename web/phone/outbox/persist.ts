import type { OutboxRepo } from './db'

const ASKED = 'persist-asked'

/**
 * Asks the browser once (per phone) to keep the outbox through storage pressure, and says whether
 * the storage is persistent now. Undefined where the browser has no StorageManager (or refuses to say).
 */
export async function persistentStorage(repo: OutboxRepo, storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<boolean | undefined> {
  if (!storage?.persisted) return undefined
  try {
    if (await storage.persisted()) return true
    if (await repo.cached<boolean>(ASKED)) return false
    await repo.cache(ASKED, true)
    return await storage.persist()
  } catch {
    return undefined
  }
}
