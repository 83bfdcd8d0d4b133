import { type Ref, shallowRef, watch } from 'vue'
import type { MeasureId, ScoreLevel } from '../../server/domain/scorecards'
import {
  type IndicatorTableInput,
  type IndicatorTableView,
  type ScorecardDrill,
  type ScorecardRow,
  type Scorecards,
  fetchIndicatorTable,
  fetchScorecardDrill,
  fetchScorecards,
  saveIndicatorTable,
} from '../api/scorecards'
import { messageOf } from '../records/errors'
import { useLiveStore } from '../stores/live'

/**
 * The month's scorecards at a level, asked again when the month or level changes, when the ledger
 * moves (the live revision: a provisional month follows the ledger) and when asked (`reload`, after
 * the indicator table changed). The latest question wins; the last answer stays on screen meanwhile.
 */
export function useScorecards(month: Ref<string | undefined>, level: Ref<ScoreLevel>) {
  const live = useLiveStore()
  const answer = shallowRef<Scorecards>()
  const failure = shallowRef<string>()
  const loading = shallowRef(false)
  let asked = 0

  async function load(): Promise<void> {
    const m = month.value
    if (!m) return
    const mine = ++asked
    loading.value = true
    failure.value = undefined
    try {
      const next = await fetchScorecards(level.value, m)
      if (mine === asked) answer.value = next
    } catch (error) {
      if (mine === asked) failure.value = messageOf(error)
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  watch([month, level, () => live.revision], () => void load(), { immediate: true })
  return { answer, failure, loading, reload: load }
}

/** What the drawer shows: a row's breakdown (no measure) or the records behind one of its figures. */
export interface DrillTarget {
  row: ScorecardRow
  measure?: MeasureId
}

/** The drill-down drawer: a row's figures, then the records behind the one clicked. */
export function useScoreDrill(answer: Ref<Scorecards | undefined>) {
  const target = shallowRef<DrillTarget>()
  const records = shallowRef<ScorecardDrill>()
  const failure = shallowRef<string>()
  const loading = shallowRef(false)
  let asked = 0

  async function open(row: ScorecardRow, measure?: MeasureId): Promise<void> {
    const scored = answer.value
    const mine = ++asked
    target.value = { row, ...(measure ? { measure } : {}) }
    records.value = undefined
    failure.value = undefined
    if (!measure || !scored) return
    loading.value = true
    try {
      const drill = await fetchScorecardDrill({ month: scored.month, level: scored.level, id: row.id, measure })
      if (mine === asked) records.value = drill
    } catch (error) {
      if (mine === asked) failure.value = messageOf(error)
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  function close(): void {
    asked++
    target.value = undefined
    records.value = undefined
    loading.value = false
  }

  // Another month or level: the open row belongs to the old answer.
  watch(
    () => answer.value && `${answer.value.month}|${answer.value.level}`,
    (now, before) => {
      if (before !== undefined && now !== before) close()
    },
  )

  return { target, records, failure, loading, open, back: () => target.value && open(target.value.row), close }
}

/** The admin's editor of the indicator table: a draft of the current table, saved as a new version. */
export function useIndicatorEditor(onSaved: () => void) {
  const table = shallowRef<IndicatorTableView>()
  const draft = shallowRef<IndicatorTableInput>()
  const failure = shallowRef<string>()
  const saving = shallowRef(false)
  const savedVersion = shallowRef<number>()

  const copy = (t: IndicatorTableView): IndicatorTableInput => ({ weights: { ...t.weights }, points: { ...t.points }, redLine: t.redLine })

  async function load(): Promise<void> {
    try {
      table.value = await fetchIndicatorTable()
      draft.value = copy(table.value)
    } catch (error) {
      failure.value = messageOf(error)
    }
  }

  async function save(next: IndicatorTableInput): Promise<void> {
    saving.value = true
    failure.value = undefined
    savedVersion.value = undefined
    try {
      table.value = await saveIndicatorTable(next)
      draft.value = copy(table.value)
      savedVersion.value = table.value.version
      onSaved()
    } catch (error) {
      failure.value = messageOf(error)
    } finally {
      saving.value = false
    }
  }

  return { table, draft, failure, saving, savedVersion, load, save }
}
