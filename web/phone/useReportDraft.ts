import { computed, onMounted, reactive, shallowRef, toRaw, watch } from 'vue'
import { type CategoryId, categories, itemById } from '../../server/domain/categories'
import { actorCategory } from '../../server/domain/roles'
import { phoneZhCN } from '../i18n/phone.zh-CN'
import { useOutboxStore } from './outbox/useOutbox'
import { usePhoneUser } from './phone-context'
import { chinaIso, ledgerClock } from './phone-clock'
import { type DraftField, type PhoneDraft, buildReport, emptyDraft } from './phone-report'
import { loadUsage, recordUse, topItems } from './recent-items'

/** A copy IndexedDB can store: Vue's proxies cannot be cloned, the Blobs inside can. */
function plain(d: PhoneDraft): PhoneDraft {
  const raw = toRaw(d)
  return {
    ...raw,
    location: raw.location && { ...toRaw(raw.location) },
    photos: raw.photos.map((p) => ({ ...toRaw(p) })),
    spotPhotos: raw.spotPhotos.map((p) => ({ ...toRaw(p) })),
  }
}

/** The worker has begun this report (the GPS filling in the place on its own has not). */
const begun = (d: PhoneDraft) => Boolean(d.category || d.title || d.description || d.photos.length || d.onTheSpot || d.location?.method === 'pin')
const touched = (d: PhoneDraft) => begun(d) || d.location !== null

/**
 * The report form's state: restored from the account's saved draft, saved again on every change
 * (through the outbox core, in IndexedDB), and queued — never sent from here. foundAt is the moment
 * the worker first touched an empty form (they are standing at the hazard); reportedAt the queue time.
 */
export function useReportDraft(offsetDays: () => number) {
  const outbox = useOutboxStore()
  const user = usePhoneUser()
  const draft = reactive<PhoneDraft>(emptyDraft(''))
  const loaded = shallowRef(false)
  const restored = shallowRef(false)
  const missing = shallowRef<DraftField[]>([])
  const queuedTitle = shallowRef<string>()
  const now = () => chinaIso(ledgerClock(offsetDays()))
  // The latest copy waiting to be written, and the write under way: typing faster than IndexedDB
  // writes skips the copies in between (each holds the photos' Blobs), never the last one.
  let latest: PhoneDraft | undefined
  let writing: Promise<void> | undefined
  // A reset by the form itself (queued, cleared) is not the worker's change: it keeps its message.
  let reset = false

  onMounted(async () => {
    const saved = (await outbox.draft<PhoneDraft>().catch(() => undefined))?.value
    if (saved && touched(saved)) {
      Object.assign(draft, { ...emptyDraft(saved.openedAt), ...saved })
      restored.value = true
    }
    loaded.value = true
  })

  watch(
    draft,
    () => {
      if (!loaded.value) return
      if (reset) {
        reset = false
        return
      }
      if (!draft.openedAt && begun(draft)) draft.openedAt = now()
      missing.value = []
      queuedTitle.value = undefined
      latest = plain(draft)
      writing ??= flush()
    },
    { deep: true },
  )

  async function flush(): Promise<void> {
    while (latest) {
      const next = latest
      latest = undefined
      await outbox.saveDraft(next).catch(() => undefined)
    }
    writing = undefined
  }

  const allowed = computed<readonly CategoryId[]>(() => {
    const own = actorCategory({ role: user.role, ...(user.leadUnit && { leadUnit: user.leadUnit }) })
    return own ? [own] : categories.map((c) => c.id)
  })
  const categoryList = computed(() => categories.filter((c) => allowed.value.includes(c.id)))
  const items = computed(() => categories.find((c) => c.id === draft.category)?.items ?? [])
  const usage = shallowRef(loadUsage(user.username))
  const recent = computed(() => topItems(usage.value, allowed.value))

  function pickItem(item: string): void {
    const found = itemById.get(item)
    if (!found) return
    draft.category = found.category
    draft.item = item
  }

  function chooseCategory(): void {
    if (draft.item && itemById.get(draft.item)?.category !== draft.category) draft.item = ''
  }

  const pinText = (d: PhoneDraft) => {
    const reasons = phoneZhCN.location.reasons
    if (!d.pinReason) return ''
    return d.pinReason === 'other' ? `${reasons.other}：${d.pinOther.trim()}` : reasons[d.pinReason]
  }

  /** Queues the report (待发送) and starts a new empty draft; or lists what is missing. */
  async function submit(): Promise<boolean> {
    const openedAt = draft.openedAt || now()
    const built = buildReport({ ...plain(draft), openedAt }, now(), pinText)
    if (!built.ok) {
      missing.value = built.missing
      return false
    }
    await writing
    await outbox.queueReport(built.body, built.photos)
    recordUse(user.username, built.body.item)
    usage.value = loadUsage(user.username)
    await clear()
    queuedTitle.value = built.body.title
    return true
  }

  async function clear(): Promise<void> {
    reset = touched(draft)
    Object.assign(draft, emptyDraft(''))
    restored.value = false
    missing.value = []
    latest = undefined
    await writing
    await outbox.clearDraft().catch(() => undefined)
  }

  return { draft, loaded, restored, missing, queuedTitle, categoryList, items, recent, pickItem, chooseCategory, submit, discard: clear }
}
