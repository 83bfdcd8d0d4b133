import { computed, ref, shallowRef, watch } from 'vue'
import { type InspectionView, recordInspection, uploadInspectionPhoto } from '../api/inspections'
import { type SiteFeature, fetchSites } from '../api/sites'
import { messageOf } from './errors'
import { type InspectionDraft, type LonLat, inspectionBody, inspectionDraft, inspectionProblems } from './inspection-form'
import { useSessionStore } from '../stores/session'

/** The inspection form: a draft, its sites and photos, its problems once a send was tried, and the send itself. */
export function useInspectionForm(today: () => string | undefined, onRecorded: (i: InspectionView) => void) {
  const session = useSessionStore()
  const draft = ref<InspectionDraft | null>(null)
  const photos = shallowRef<File[]>([])
  const sites = shallowRef<SiteFeature[]>([])
  const tried = shallowRef(false)
  const sending = shallowRef(false)
  const failure = shallowRef<string>()
  const photoFailure = shallowRef<string>()
  const saved = shallowRef<InspectionView>()

  watch(
    () => [today(), session.actor] as const,
    ([day, actor]) => {
      if (day && actor && !draft.value) draft.value = inspectionDraft(actor, day)
    },
    { immediate: true },
  )

  // The key sites of the area chosen (the server keeps to the caller's reach); a site of another area is let go.
  watch(
    () => draft.value?.areaId,
    async (areaId) => {
      sites.value = []
      if (!areaId) return
      try {
        const answer = await fetchSites({ area: [areaId] })
        if (draft.value?.areaId === areaId) sites.value = answer.features
      } catch {
        // Without the list the form still records a check of no particular site.
      }
      if (draft.value && draft.value.siteId && !sites.value.some((s) => s.properties.id === draft.value!.siteId)) draft.value.siteId = ''
    },
    { immediate: true },
  )
  // Naming a site usually means standing at it: its point is offered first, and let go with the site.
  watch(
    () => draft.value?.siteId,
    (siteId) => {
      const d = draft.value
      if (!d) return
      if (siteId && d.locationFrom === 'none') d.locationFrom = 'site'
      if (!siteId && d.locationFrom === 'site') d.locationFrom = 'none'
    },
  )
  const siteLocation = (id: string): LonLat | undefined => {
    const at = sites.value.find((s) => s.properties.id === id)?.geometry.coordinates
    return at ? [at[0]!, at[1]!] : undefined
  }

  const problems = computed(() => (draft.value && today() ? inspectionProblems(draft.value, today()!) : {}))

  async function send(): Promise<void> {
    tried.value = true
    failure.value = undefined
    photoFailure.value = undefined
    if (!draft.value || Object.keys(problems.value).length) return
    sending.value = true
    try {
      let inspection = await recordInspection(inspectionBody(draft.value, siteLocation))
      // Photos follow the record; one refused leaves the record and the others standing.
      const added = []
      for (const file of photos.value) {
        try {
          added.push(await uploadInspectionPhoto(inspection.id, file))
        } catch (error) {
          photoFailure.value = messageOf(error)
        }
      }
      inspection = { ...inspection, photos: [...inspection.photos, ...added] }
      saved.value = inspection
      tried.value = false
      photos.value = []
      draft.value = { ...draft.value, checked: '', findings: '', hazardsFound: 0, nothingFound: false, siteId: '', locationFrom: 'none', picked: null }
      onRecorded(inspection)
    } catch (error) {
      failure.value = messageOf(error)
    } finally {
      sending.value = false
    }
  }

  return { draft, photos, sites, problems: computed(() => (tried.value ? problems.value : {})), sending, failure, photoFailure, saved, send }
}
