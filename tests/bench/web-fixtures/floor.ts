/**
 * The floor: the app's own style (its sources, tiles, layers and icons, captured from the app at
 * idle) drawn by a bare MapLibre page, without Vue, stores, panels or charts. A filter is the
 * app's tile URL with the filter changed, as the app would set it.
 */
import type { StyleSpecification, VectorTileSource } from 'maplibre-gl'
import { type Camera, createMap, fail, getJson, idle, loadLabelFont, publish } from './bare'

/** What the bench captured from the app (see web-pages.ts captureStyle). */
interface Captured {
  style: StyleSpecification
  camera: Camera
  labelText: string
  hazardSource: string
  images: { id: string; width: number; height: number; pixelRatio: number; sdf: boolean; data: string }[]
  /** the app's feature states (the choropleth's classes) */
  featureStates: { source: string; id: string | number; state: Record<string, unknown> }[]
}

/** The tile template with `category` set (or removed), the rest of the query kept. */
function withCategory(template: string, category: string | undefined): string {
  const [path, query = ''] = template.split('?')
  const params = new URLSearchParams(query)
  if (category) params.set('category', category)
  else params.delete('category')
  const search = params.toString()
  return search ? `${path}?${search}` : path!
}

async function main(): Promise<void> {
  const captured = await getJson<Captured>(`/bench/floor-style.json${location.search}`)
  await loadLabelFont(captured.labelText)
  const map = createMap(captured.style, captured.camera)
  const images = new Map(captured.images.map((i) => [i.id, i]))
  map.on('styleimagemissing', (event) => {
    const image = images.get(event.id)
    if (!image || map.hasImage(event.id)) return
    const data = Uint8Array.from(atob(image.data), (c) => c.charCodeAt(0))
    map.addImage(event.id, { width: image.width, height: image.height, data }, { pixelRatio: image.pixelRatio, sdf: image.sdf })
  })
  const firstIdle = new Promise<number>((resolve) =>
    map.once('load', () => {
      for (const { source, id, state } of captured.featureStates) map.setFeatureState({ source, id }, state)
      void idle(map).then(() => resolve(performance.now()))
    }),
  )
  const source = () => map.getSource<VectorTileSource>(captured.hazardSource)!
  const spec = captured.style.sources[captured.hazardSource]
  const template = spec?.type === 'vector' ? (spec.tiles?.[0] ?? '') : ''
  publish({
    map,
    firstIdle,
    async filter(category) {
      const started = performance.now()
      source().setTiles([withCategory(template, category)])
      await idle(map)
      return performance.now() - started
    },
  })
}

main().catch(fail)
