import { computed, shallowRef } from 'vue'
import { type LedgerImportResult, importLedger, ledgerExportUrl, ledgerFormats } from '../api/ledger-files'
import { messageOf } from './errors'
import { ledgerFieldName, rejectionLines } from './rejections'
import { useLocale } from '../composables/useLocale'
import { useFilterStore } from '../stores/filters'

/** Export links for the current filters, and an import that reports each refused row with its reasons. */
export function useLedgerFiles() {
  const filters = useFilterStore()
  const { locale } = useLocale()
  const links = computed(() => ledgerFormats.map((format) => ({ format, href: ledgerExportUrl(filters.query, format) })))
  const file = shallowRef<File | null>(null)
  const result = shallowRef<LedgerImportResult>()
  const failure = shallowRef<string>()
  const importing = shallowRef(false)

  async function upload(): Promise<void> {
    if (!file.value) return
    importing.value = true
    failure.value = undefined
    result.value = undefined
    try {
      result.value = await importLedger(file.value)
    } catch (error) {
      failure.value = messageOf(error)
    } finally {
      importing.value = false
    }
  }

  const lines = computed(() =>
    (result.value ? rejectionLines(result.value.rejected, (r) => r.row) : []).map((l) => ({ ...l, field: ledgerFieldName(l.field, locale.value) })),
  )
  return { links, filterCount: computed(() => filters.chosen + (filters.area ? 1 : 0)), file, result, failure, importing, lines, upload }
}
