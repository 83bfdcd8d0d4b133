import type { Signal } from '../../domain/warnings/model'
import type { Services } from '../context'

/** What the last detector run left for the views: when it ran, as of which day, and the standing hot spots for the map layer. */
export interface EngineState {
  computedAt: string | null
  asOf: string | null
  persistent: Signal[]
}

const states = new WeakMap<object, EngineState>()

/** The engine's state of this server (one per store, as the open streams are). */
export function engineState(s: Pick<Services, 'store'>): EngineState {
  let st = states.get(s.store)
  if (!st) states.set(s.store, (st = { computedAt: null, asOf: null, persistent: [] }))
  return st
}
