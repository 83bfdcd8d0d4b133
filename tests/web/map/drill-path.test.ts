import { describe, expect, it } from 'vitest'
import { drillPath } from '../../../web/map/drill'

describe('where a click on an area leads', () => {
  it('one level down inside the area drilled into', () => {
    expect(drillPath([], ['D1'])).toEqual(['D1'])
    expect(drillPath(['D1'], ['D1', 'V1'])).toEqual(['D1', 'V1'])
    expect(drillPath(['D1', 'V1'], ['D1', 'V1', 'G3'])).toEqual(['D1', 'V1', 'G3'])
  })

  it('across to a dimmed neighbour at the same level, not deep inside it', () => {
    expect(drillPath(['D1', 'V1'], ['D2', 'V7', 'G2'])).toEqual(['D2', 'V7'])
    expect(drillPath(['D1'], ['D2', 'V7'])).toEqual(['D2'])
  })

  it('to a neighbouring grid cell from a grid cell', () => {
    expect(drillPath(['D1', 'V1', 'G3'], ['D1', 'V1', 'G4'])).toEqual(['D1', 'V1', 'G4'])
  })
})
