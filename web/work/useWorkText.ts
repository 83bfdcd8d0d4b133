import type { Problem } from './actions'
import type { FieldReason, FormRefusal } from './refusals'
import { useLocale } from '../composables/useLocale'

/** The workbench's problems and refusals in the reader's language. */
export function useWorkText() {
  const { t } = useLocale()

  const problem = (p: Problem | undefined): string | undefined => (p ? t(`work.errors.${p}`) : undefined)

  const reason = (r: FieldReason | undefined): string | undefined => {
    if (!r) return undefined
    return 'known' in r ? t(`work.errors.${r.known}`) : t('work.errors.server', { message: r.text })
  }

  /** One sentence for a refusal that is not about single fields. */
  const refusal = (r: FormRefusal): string => {
    switch (r.kind) {
      case 'stale':
        return t('work.errors.stale')
      case 'notNow':
        return t('work.errors.notNow', { message: r.message })
      case 'notAllowed':
        return t('work.errors.notAllowed')
      case 'file':
        return t(r.reason === 'tooLarge' ? 'work.errors.tooLarge' : 'work.errors.notImage')
      case 'fields':
        return Object.values(r.fields).map((f) => reason(f)).join('；')
      case 'failed':
        return t('work.errors.failed', { message: r.message })
    }
  }

  return { problem, reason, refusal }
}
