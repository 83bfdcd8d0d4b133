import { computed, reactive, shallowRef, watch } from 'vue'
import { CallError } from '../api/client'
import { type PostAssigned, type PostKind, type PostList, assignPost, fetchPosts } from '../api/posts'
import { useLocale } from '../composables/useLocale'
import type { MessageKey } from '../i18n'
import { messageOf } from './errors'
import { type AssignDraft, assignBody, assignProblems, postRows } from './posts'

/** The body's fields as a refusal names them, and their names on the page. */
const fieldKeys: Record<string, MessageKey> = {
  place: 'posts.fields.place', kind: 'posts.fields.kind', from: 'posts.fields.from',
  'holder.name': 'posts.fields.holderName', 'holder.phone': 'posts.fields.holderPhone', 'holder.username': 'posts.fields.holderUsername',
}

/** The posts of a kind as of a day, with their histories; and, for the admin, assigning a new holder. */
export function usePosts(today: () => string | undefined) {
  const { t } = useLocale()
  const kind = shallowRef<PostKind>('grid_worker')
  const on = shallowRef('')
  const filter = shallowRef('')
  const list = shallowRef<PostList>()
  const failure = shallowRef<string>()
  let asked = 0

  async function load(): Promise<void> {
    const day = on.value || today()
    if (!day) return
    const mine = ++asked
    failure.value = undefined
    try {
      const answer = await fetchPosts(kind.value, day)
      if (mine === asked) list.value = answer
    } catch (error) {
      if (mine === asked) failure.value = messageOf(error)
    }
  }
  watch([kind, on, today], () => void load(), { immediate: true })
  const rows = computed(() => (list.value ? postRows(list.value.holders, list.value.history, filter.value) : []))

  const draft = reactive<AssignDraft>({ place: '', name: '', phone: '', username: '', from: '' })
  const tried = shallowRef(false)
  const sending = shallowRef(false)
  const refusal = shallowRef<string>()
  const assigned = shallowRef<PostAssigned>()
  watch(kind, () => (draft.place = ''))
  const problems = computed(() => (tried.value ? assignProblems(draft) : {}))

  /** The server's refusal in the page's words: the date rule, the fields named, the role. */
  function wordsFor(error: unknown): string {
    if (!(error instanceof CallError)) return t('posts.refused.other', { message: messageOf(error) })
    // The server names the current holder's first day in its sentence; the page says it in its own words.
    if (error.status === 422) return t('posts.refused.notAfter', { date: /\d{4}-\d{2}-\d{2}/.exec(error.message)?.[0] ?? error.message })
    if (error.status === 403) return t('posts.refused.forbidden')
    const fields = Array.isArray(error.details) ? (error.details as Array<{ field?: unknown }>).map((d) => String(d.field ?? '')) : []
    const named = fields.filter(Boolean).map((f) => (fieldKeys[f] ? t(fieldKeys[f]) : f))
    return named.length ? t('posts.refused.invalid', { fields: named.join('、') }) : t('posts.refused.other', { message: error.message })
  }

  async function assign(): Promise<void> {
    tried.value = true
    refusal.value = undefined
    assigned.value = undefined
    if (Object.keys(assignProblems(draft)).length) return
    sending.value = true
    try {
      assigned.value = await assignPost(assignBody(kind.value, draft))
      tried.value = false
      Object.assign(draft, { name: '', phone: '', username: '' })
      await load()
    } catch (error) {
      refusal.value = wordsFor(error)
    } finally {
      sending.value = false
    }
  }

  return { kind, on, filter, list, rows, failure, load, draft, problems, sending, refusal, assigned, assign }
}
