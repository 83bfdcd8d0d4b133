import { shallowRef } from 'vue'
import { type AuditEntry, type AuditFilter, fetchAudit } from '../api/audit'
import { messageOf } from './errors'

/**
 * The audit log, newest first, a page at a time. Filters apply when asked (the form's submit), so
 * typing a user name does not fire a request per key; "more" appends the next page.
 */
export function useAuditLog() {
  const filter = shallowRef<AuditFilter>({})
  const entries = shallowRef<AuditEntry[]>([])
  const next = shallowRef<number | null>(null)
  const failure = shallowRef<string>()
  const loading = shallowRef(false)

  async function fetchPage(before?: number): Promise<void> {
    loading.value = true
    failure.value = undefined
    try {
      const page = await fetchAudit(filter.value, before)
      entries.value = before === undefined ? page.entries : [...entries.value, ...page.entries]
      next.value = page.next
    } catch (error) {
      failure.value = messageOf(error)
    } finally {
      loading.value = false
    }
  }

  return {
    entries, next, failure, loading,
    /** Reads the first page under these filters. */
    search: (f: AuditFilter) => {
      filter.value = { ...f }
      return fetchPage()
    },
    more: () => (next.value === null ? Promise.resolve() : fetchPage(next.value)),
  }
}
