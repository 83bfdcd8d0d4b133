import { onBeforeUnmount, shallowRef } from 'vue'

export const phoneTabs = ['tasks', 'report', 'outbox', 'map'] as const
export type PhoneTab = (typeof phoneTabs)[number]

const fromHash = (): PhoneTab => {
  const tab = location.hash.replace(/^#\/?/, '')
  return (phoneTabs as readonly string[]).includes(tab) ? (tab as PhoneTab) : 'report'
}

/**
 * The phone's four screens as plain tabs kept in the address's hash (#report, #tasks…), so a reload
 * or the back button returns to the same one; no router is loaded for four screens.
 */
export function usePhoneTabs() {
  const tab = shallowRef<PhoneTab>(fromHash())
  const sync = () => (tab.value = fromHash())
  addEventListener('hashchange', sync)
  onBeforeUnmount(() => removeEventListener('hashchange', sync))
  function go(next: PhoneTab): void {
    if (next !== tab.value) location.hash = next
    tab.value = next
  }
  return { tab, go }
}
