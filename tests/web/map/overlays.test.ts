import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, it } from 'vitest'
import { overlayBelow, overlayKinds } from '../../../web/map/layers/overlays'
import { deskPalette } from '../../../web/map/palette'
import { overlaySourceId } from '../../../web/map/sources'
import type { StyleSpecification } from '../../../web/map/spec'

const empty = { type: 'FeatureCollection' as const, features: [] }

describe('overlay drawings', () => {
  it('build valid layers for each kind over their own source', () => {
    for (const [kind, build] of Object.entries(overlayKinds)) {
      const source = overlaySourceId(`test-${kind}`)
      const style: StyleSpecification = { version: 8, sources: { [source]: { type: 'geojson', data: empty } }, layers: build(source, deskPalette) }
      expect(validateStyleMin(style)).toEqual([])
    }
  })

  it('name their layers after their source, so two drawings never clash', () => {
    const a = overlayKinds.buffers(overlaySourceId('a'), deskPalette).map((l) => l.id)
    const b = overlayKinds.buffers(overlaySourceId('b'), deskPalette).map((l) => l.id)
    expect(a.filter((id) => b.includes(id))).toEqual([])
  })

  it('lay buffers under the hazards and hits over them', () => {
    expect(overlayBelow.buffers).toBe('hazards')
    expect(overlayBelow.hits).toBe('sites')
  })
})
