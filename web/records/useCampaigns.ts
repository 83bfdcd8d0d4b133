import { computed, ref, shallowRef } from 'vue'
import type { CategoryId } from '../../server/domain/categories'
import { type Campaign, type CampaignDetail, changeCampaignHazards, createCampaign, fetchCampaign, fetchCampaigns } from '../api/campaigns'
import { fetchHazardPage } from '../api/hazard-list'
import { joinableIds } from './campaigns'
import { messageOf } from './errors'
import { useFilterStore } from '../stores/filters'

/** The server takes at most this many hazards in one change. */
const MAX_CHANGE = 5000

export interface CampaignDraft {
  name: string
  goal: string
  deadline: string
  category: CategoryId | ''
}

/** The campaigns in reach with their progress, one opened with its hazards, and the changes a runner may make. */
export function useCampaigns() {
  const filters = useFilterStore()
  const campaigns = shallowRef<Campaign[]>([])
  const opened = shallowRef<CampaignDetail>()
  const failure = shallowRef<string>()
  const busy = shallowRef(false)
  const draft = ref<CampaignDraft>({ name: '', goal: '', deadline: '', category: '' })

  async function guarded<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    failure.value = undefined
    try {
      return await work()
    } catch (error) {
      failure.value = messageOf(error)
      return undefined
    } finally {
      busy.value = false
    }
  }

  const load = () => guarded(async () => (campaigns.value = await fetchCampaigns()))

  async function open(id: number): Promise<void> {
    await guarded(async () => (opened.value = await fetchCampaign(id)))
  }

  /** Creates the campaign from the draft; returns its name once made, for the notice. */
  async function create(): Promise<Campaign | undefined> {
    const d = draft.value
    const made = await guarded(() => createCampaign({ name: d.name.trim(), goal: d.goal.trim(), deadline: d.deadline, ...(d.category && { category: d.category }) }))
    if (!made) return undefined
    draft.value = { name: '', goal: '', deadline: '', category: '' }
    await load()
    await open(made.id)
    return made
  }

  /** Adds what the current filter selects and this campaign may take; returns how many were added. */
  async function addFiltered(): Promise<number | undefined> {
    const target = opened.value?.campaign
    if (!target) return undefined
    return guarded(async () => {
      const page = await fetchHazardPage(filters.query, undefined, MAX_CHANGE)
      const ids = joinableIds(page.features.map((f) => f.properties), target)
      if (!ids.length) return 0
      const after = await changeCampaignHazards(target.id, ids)
      opened.value = after
      campaigns.value = campaigns.value.map((c) => (c.id === target.id ? after.campaign : c))
      return after.added
    })
  }

  async function remove(hazardId: number): Promise<void> {
    const target = opened.value?.campaign
    if (!target) return
    await guarded(async () => {
      const after = await changeCampaignHazards(target.id, [], [hazardId])
      opened.value = after
      campaigns.value = campaigns.value.map((c) => (c.id === target.id ? after.campaign : c))
    })
  }

  const draftReady = computed(() => !!(draft.value.name.trim() && draft.value.goal.trim() && draft.value.deadline))
  return { campaigns, opened, failure, busy, draft, draftReady, load, open, create, addFiltered, remove }
}
