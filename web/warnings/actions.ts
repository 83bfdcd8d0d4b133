import type { WarningActionInput } from '../api/warnings'
import { type WarningActionId, type WarningLevel, warningLevelIds } from '../../server/domain/warnings/model'

/** The actions the workbench offers, in the order a responsible unit takes them. */
export const offeredActions: readonly WarningActionId[] = ['acknowledge', 'respond', 'note', 'link', 'raise', 'lower', 'lift']

/** Actions that must say why (the server refuses them without a note). */
export const needsNote: ReadonlySet<WarningActionId> = new Set(['respond', 'note', 'raise', 'lower', 'lift'])
/** Actions that carry linked hazards and inspections. */
export const takesLinks: ReadonlySet<WarningActionId> = new Set(['respond', 'link'])

/** The levels a warning may be raised to (more severe than now) or lowered to (less severe), nearest first. */
export function levelsFor(action: 'raise' | 'lower', current: WarningLevel): WarningLevel[] {
  const at = warningLevelIds.indexOf(current)
  return action === 'raise' ? warningLevelIds.slice(0, at).reverse() : warningLevelIds.slice(at + 1)
}

export interface ActionDraft {
  note: string
  level: WarningLevel | ''
  hazardIds: number[]
  inspectionIds: number[]
}

/** The request for an action, or what is missing: the form says it before anything is sent. */
export function actionInput(action: WarningActionId, draft: ActionDraft): { input: WarningActionInput } | { missing: 'note' | 'level' } {
  const note = draft.note.trim()
  if (needsNote.has(action) && !note) return { missing: 'note' }
  if ((action === 'raise' || action === 'lower') && !draft.level) return { missing: 'level' }
  const input: WarningActionInput = { action }
  if (note) input.note = note
  if (draft.level && (action === 'raise' || action === 'lower')) input.level = draft.level
  if (takesLinks.has(action) && draft.hazardIds.length) input.hazardIds = draft.hazardIds
  if (takesLinks.has(action) && draft.inspectionIds.length) input.inspectionIds = draft.inspectionIds
  return { input }
}
