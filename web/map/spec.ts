import type { MapOptions } from 'maplibre-gl'

/*
 * maplibre-gl 6 takes its style types from @maplibre/maplibre-gl-style-spec without re-exporting
 * them; deriving them from its own MapOptions keeps the app on maplibre-gl's declared API alone.
 */
export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>
export type LayerSpecification = StyleSpecification['layers'][number]
export type SourceSpecification = StyleSpecification['sources'][string]
export type SymbolLayerSpecification = Extract<LayerSpecification, { type: 'symbol' }>
export type FilterSpecification = NonNullable<SymbolLayerSpecification['filter']>
export type LineLayerSpecification = Extract<LayerSpecification, { type: 'line' }>
export type LinePaint = NonNullable<LineLayerSpecification['paint']>
export type FillLayerSpecification = Extract<LayerSpecification, { type: 'fill' }>
export type FillPaint = NonNullable<FillLayerSpecification['paint']>
export type CircleLayerSpecification = Extract<LayerSpecification, { type: 'circle' }>
export type CirclePaint = NonNullable<CircleLayerSpecification['paint']>
export type HeatmapLayerSpecification = Extract<LayerSpecification, { type: 'heatmap' }>
export type HeatmapPaint = NonNullable<HeatmapLayerSpecification['paint']>
/** Any MapLibre expression (the array form), as the style spec types it. */
export type ExpressionSpecification = Extract<NonNullable<CirclePaint['circle-radius']>, unknown[]>
