import { type DBSchema, type IDBPDatabase, openDB } from 'idb'
import type { OutboxItem } from './types'

/** An item as kept: `seq`, given by IndexedDB when it is first stored, is the queue's order. */
export type StoredItem = OutboxItem & { seq?: number }

/** A screen's draft of the report form, one per account; the form decides its shape (Blobs included). */
export interface StoredDraft<T = unknown> {
  username: string
  savedAt: string
  value: T
}

interface OutboxDb extends DBSchema {
  items: { key: number; value: StoredItem; indexes: { clientId: string } }
  drafts: { key: string; value: StoredDraft }
  /** what the phone needs offline (the last work queue, the session user), by name */
  cache: { key: string; value: unknown }
}

export const OUTBOX_DB = 'pingan-phone'

/**
 * The phone's IndexedDB: the outbox, the drafts and the offline cache. Every write is its own
 * transaction, committed before the promise resolves, so a closed tab or a dead battery loses at
 * most the change being written. Photos stay inside their item as Blobs (they leave together).
 */
export class OutboxRepo {
  private constructor(private readonly db: IDBPDatabase<OutboxDb>) {}

  static async open(name: string = OUTBOX_DB): Promise<OutboxRepo> {
    const db = await openDB<OutboxDb>(name, 1, {
      upgrade(db) {
        db.createObjectStore('items', { keyPath: 'seq', autoIncrement: true }).createIndex('clientId', 'clientId', { unique: true })
        db.createObjectStore('drafts', { keyPath: 'username' })
        db.createObjectStore('cache')
      },
    })
    return new OutboxRepo(db)
  }

  /** Every item, in the order it was queued. */
  async items(): Promise<StoredItem[]> {
    return this.db.getAll('items')
  }

  async item(clientId: string): Promise<StoredItem | undefined> {
    return this.db.getFromIndex('items', 'clientId', clientId)
  }

  /** Stores a new item at the queue's end, or replaces the stored one of the same `seq`. */
  async put(item: StoredItem): Promise<StoredItem> {
    const seq = await this.db.put('items', item)
    return { ...item, seq }
  }

  /**
   * Marks a queued item `sending` if it still is queued, in one transaction (IndexedDB runs a
   * store's read-write transactions one at a time, across tabs too): undefined when it was
   * discarded, or another sender took it first.
   */
  async claim(clientId: string, updatedAt: string): Promise<StoredItem | undefined> {
    const tx = this.db.transaction('items', 'readwrite')
    const item = await tx.store.index('clientId').get(clientId)
    const sending: StoredItem | undefined = item?.state === 'queued' ? { ...item, state: 'sending', updatedAt } : undefined
    if (sending) await tx.store.put(sending)
    await tx.done
    return sending
  }

  async remove(clientId: string): Promise<void> {
    const tx = this.db.transaction('items', 'readwrite')
    const key = await tx.store.index('clientId').getKey(clientId)
    if (key !== undefined) await tx.store.delete(key)
    await tx.done
  }

  async draft<T>(username: string): Promise<StoredDraft<T> | undefined> {
    return (await this.db.get('drafts', username)) as StoredDraft<T> | undefined
  }

  async saveDraft<T>(username: string, value: T, savedAt: string): Promise<void> {
    await this.db.put('drafts', { username, savedAt, value })
  }

  async clearDraft(username: string): Promise<void> {
    await this.db.delete('drafts', username)
  }

  async cached<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('cache', key)) as T | undefined
  }

  async cache(key: string, value: unknown): Promise<void> {
    await this.db.put('cache', value, key)
  }

  close(): void {
    this.db.close()
  }
}
