import { describe, expect, it } from 'vitest'
import { CallError } from '../../../web/api/client'
import { boundaryProblems, boundaryRequest, boundaryDraft } from '../../../web/records/boundary-form'
import { featureRejectionsOf, ledgerFieldName, rejectionLines } from '../../../web/records/rejections'

describe('rejection lines', () => {
  it('gives one line per reason, in file order', () => {
    const rejected = [
      { row: 5, errors: [{ field: 'category', message: 'unknown category' }] },
      { row: 3, errors: [{ field: 'title', message: 'required' }, { field: 'lon', message: 'outside the town' }] },
    ]
    expect(rejectionLines(rejected, (r) => r.row).map((l) => `${l.at}:${l.field}`)).toEqual(['3:title', '3:lon', '5:category'])
  })
})

describe('refused boundary features', () => {
  const features = [{ feature: 2, key: '甲村', errors: [{ field: 'geometry', message: 'self-intersects' }] }]

  it('are read from a 422 invalid_features refusal', () => {
    expect(featureRejectionsOf(new CallError(422, 'invalid_features', '1 of 3 features were rejected', features))).toEqual(features)
  })

  it('are none for any other failure', () => {
    expect(featureRejectionsOf(new CallError(400, 'malformed', 'not GeoJSON', features))).toEqual([])
    expect(featureRejectionsOf(new Error('network'))).toEqual([])
  })

  it('skip details that are not features', () => {
    expect(featureRejectionsOf(new CallError(422, 'invalid_features', 'x', [{ field: 'file' }, ...features]))).toEqual(features)
  })
})

describe('boundary form', () => {
  const file = new File(['{}'], 'villages.geojson')

  it('asks for a file and a field', () => {
    expect(boundaryProblems({ ...boundaryDraft(), field: ' ' })).toEqual(['file', 'field'])
  })

  it('refuses a file that is neither GeoJSON nor a zip', () => {
    expect(boundaryProblems({ ...boundaryDraft(), file: new File([''], 'villages.shp') })).toEqual(['fileType'])
  })

  it('sends the field as codeField or nameField, never both, and the CRS only when chosen', () => {
    expect(boundaryRequest({ ...boundaryDraft(), file, matchBy: 'code', field: ' CODE ' })).toEqual({ file, level: 'village', codeField: 'CODE' })
    expect(boundaryRequest({ ...boundaryDraft(), file, crs: 'gcj02' })).toEqual({ file, level: 'village', nameField: 'name', crs: 'gcj02' })
  })
})

describe('rejected column names', () => {
  it('are the export’s Chinese headers in Chinese, with the key beside them', () => {
    expect(ledgerFieldName('category', 'zh-CN')).toBe('风险类别（category）')
  })

  it('are the keys in English, and any unknown field as given', () => {
    expect(ledgerFieldName('category', 'en')).toBe('category')
    expect(ledgerFieldName('row', 'zh-CN')).toBe('row')
  })
})
