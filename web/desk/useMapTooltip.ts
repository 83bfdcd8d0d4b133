import { computed, watch, type Ref } from 'vue'
import { areaLevels } from '../../server/domain/areas'
import { categoryById } from '../../server/domain/categories'
import { itemById } from '../../server/domain/categories'
import { riskLevels, type RiskLevel } from '../../server/domain/levels'
import { siteKinds } from '../../server/domain/sites'
import { statuses, type Status } from '../../server/domain/statuses'
import type { AreaRow, RankedLevel } from '../api/stats'
import type { MapHover } from '../map/picks'
import { useGeographyStore } from '../stores/geography'
import { useLocale } from '../composables/useLocale'

export interface MapTooltip {
  x: number
  y: number
  title: string
  /** what kind of thing it is: the area level, the site kind, the hazard's category */
  kind: string
  rows: { label: string; value: string }[]
  /** what a click does */
  hint?: string
}

/** Turns what lies under the pointer into a small tooltip in the reader's language. */
export function useMapTooltip(
  hover: Readonly<Ref<MapHover | undefined>>,
  figures: {
    figuresOf(level: RankedLevel, id: string): AreaRow | undefined
    load(level: RankedLevel): void
    /** this month's score while the choropleth shows scores */
    scoreOf?(level: RankedLevel, id: string): number | null | undefined
  },
) {
  const { t, nameOf, locale } = useLocale()
  const geography = useGeographyStore()

  // Hovering a level asks for its figures once per filter; the tooltip fills in when they come.
  watch(
    () => (hover.value?.kind === 'area' ? hover.value.level : undefined),
    (level) => level && figures.load(level),
  )

  const percent = (share: number) => new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 }).format(share)
  const count = (n: number) => new Intl.NumberFormat(locale.value).format(n)

  return computed<MapTooltip | undefined>(() => {
    const h = hover.value
    if (!h) return undefined
    const at = { x: h.x, y: h.y }
    switch (h.kind) {
      case 'area': {
        const area = geography.byId.get(h.id)
        const stat = figures.figuresOf(h.level, h.id)
        const rows = stat
          ? [
              { label: t('mapLayers.tooltip.total'), value: count(stat.total) },
              { label: t('mapLayers.tooltip.open'), value: count(stat.open) },
              { label: t('mapLayers.tooltip.overdue'), value: count(stat.overdue) },
              { label: t('mapLayers.tooltip.closeRate'), value: stat.total ? percent(stat.closeRate) : '—' },
            ]
          : [{ label: t('mapLayers.tooltip.figures'), value: '…' }]
        const score = figures.scoreOf?.(h.level, h.id)
        if (score !== undefined) rows.unshift({ label: t('scorecards.desk.metric'), value: score === null ? t('scorecards.desk.noScore') : score.toFixed(1) })
        return { ...at, title: area?.properties.name ?? h.id, kind: nameOf(areaLevels[h.level]), rows, hint: t('mapLayers.tooltip.drill') }
      }
      case 'hazard': {
        const { mark } = h
        const level = mark.level ? nameOf(riskLevels[mark.level as RiskLevel]) : t('mapLayers.legend.unassessed')
        const item = mark.item ? itemById.get(mark.item) : undefined
        const flags = [mark.overdue ? t('mapLayers.legend.overdue') : '', mark.escalated ? t('mapLayers.legend.escalated') : ''].filter(Boolean)
        return {
          ...at,
          title: item ? nameOf(item.name) : nameOf(categoryById[mark.category].name),
          kind: nameOf(categoryById[mark.category].name),
          rows: [
            { label: t('mapLayers.tooltip.level'), value: level },
            ...(mark.status ? [{ label: t('mapLayers.tooltip.status'), value: nameOf(statuses[mark.status as Status]) }] : []),
            ...(flags.length ? [{ label: t('mapLayers.tooltip.flags'), value: flags.join('、') }] : []),
            ...(mark.generalised ? [{ label: t('mapLayers.tooltip.place'), value: t('mapLayers.tooltip.generalised') }] : []),
          ],
          hint: t('mapLayers.tooltip.openCard'),
        }
      }
      case 'bin':
        return {
          ...at,
          title: t('mapLayers.tooltip.binTitle', { n: count(h.mark.count) }),
          kind: nameOf(categoryById[h.mark.category].name),
          rows: [
            { label: t('mapLayers.tooltip.open'), value: count(h.mark.open) },
            { label: t('mapLayers.tooltip.overdue'), value: count(h.mark.overdue) },
          ],
          hint: t('mapLayers.tooltip.zoomIn'),
        }
      case 'cluster':
        return { ...at, title: t('mapLayers.tooltip.clusterTitle', { n: count(h.count) }), kind: t('mapLayers.sites'), rows: [], hint: t('mapLayers.tooltip.zoomIn') }
      case 'site':
        return { ...at, title: h.site.name, kind: nameOf(siteKinds[h.site.kind]), rows: [] }
    }
    return undefined
  })
}
