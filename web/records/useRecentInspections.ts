import { shallowRef } from 'vue'
import { type InspectionView, fetchInspections } from '../api/inspections'
import { messageOf } from './errors'

const RECENT = 20

/** The latest inspections in the caller's reach. */
export function useRecentInspections() {
  const inspections = shallowRef<InspectionView[]>([])
  const failure = shallowRef<string>()
  async function load(): Promise<void> {
    try {
      inspections.value = await fetchInspections({ limit: RECENT })
      failure.value = undefined
    } catch (error) {
      failure.value = messageOf(error)
    }
  }
  void load()
  return { inspections, failure, load }
}
