import { LedgerIndex } from '../services/ledger'
import type { IndexedHazard, Store } from '../store/types'

/**
 * The ledger index the seed's last steps share. The supervision (seed/supervision.ts) reads every
 * hazard once to make its picks, and the warnings' history (seed/warnings.ts) needs the index of
 * every hazard to run its detectors over: one pass over the store fills both (a pass over a city's
 * ledger takes seconds). The index is kept for the store until the history takes it; the
 * supervision tells it the few fields its own writes change.
 */

const kept = new WeakMap<Store, LedgerIndex>()

const indexOf = (store: Store, hazards: Iterable<IndexedHazard>) => new LedgerIndex(store.areas.list().map((a) => ({ ...a })), hazards)

/** Shows every hazard of the store, in its order, to `visit` while building the index, which is kept for {@link takeIndex}. */
export function indexWhileVisiting(store: Store, visit: (h: IndexedHazard) => void): LedgerIndex {
  function* seen(): Generator<IndexedHazard> {
    for (const h of store.hazards.scanIndexed()) {
      visit(h)
      yield h
    }
  }
  const index = indexOf(store, seen())
  kept.set(store, index)
  return index
}

/**
 * The index kept for the store, taken (a second call builds anew), or a new one from the store when
 * none was kept or it no longer counts the store's hazards.
 */
export function takeIndex(store: Store): LedgerIndex {
  const index = kept.get(store)
  kept.delete(store)
  return index && index.size === store.hazards.count() ? index : indexOf(store, store.hazards.scanIndexed())
}
