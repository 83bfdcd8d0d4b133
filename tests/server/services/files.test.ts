import { describe, expect, it } from 'vitest'
import { detectGeoJsonCrs, detectPrj } from '../../../server/services/boundaries/crs'
import { ZipError, unzip } from '../../../server/services/boundaries/zip'
import { parseCsv, toCsv } from '../../../server/services/ledger-files/csv'
import { sniffImage } from '../../../server/services/photos'
import { neutralise, unneutralise } from '../../../server/services/spreadsheet'
import { picture } from '../../fixtures/images'
import { GCJ02_PRJ, WEB_MERCATOR_PRJ, XIAN80_PRJ } from '../../fixtures/shapefile'
import { zipOf } from '../../fixtures/zip'

describe('neutralising spreadsheet formulas', () => {
  for (const text of ['=SUM(A1:A9)', '+86 123', '-1+1', '@cmd', '\tTAB', '\rCR'])
    it(`writes ${JSON.stringify(text)} after an apostrophe, and reads it back unchanged`, () => {
      expect(neutralise(text)).toBe(`'${text}`)
      expect(unneutralise(neutralise(text))).toBe(text)
    })

  it('leaves ordinary text alone, an apostrophe of its own included', () => {
    for (const text of ['消防通道堵塞', "'quoted", 'a=b', '']) expect(unneutralise(neutralise(text))).toBe(text)
  })
})

describe('CSV', () => {
  it('round-trips commas, quotes, line breaks and Chinese, with a BOM and CRLF', () => {
    const rows = [['标题', '描述'], ['a,b', 'say "hi"'], ['two\nlines', ' padded ']]
    const text = toCsv(rows)
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text).toContain('\r\n')
    expect(parseCsv(text)).toEqual(rows)
  })

  it('refuses an unclosed quote and text after a closing quote', () => {
    expect(() => parseCsv('"open,field\r\n')).toThrow()
    expect(() => parseCsv('"closed"x,1\r\n')).toThrow()
  })
})

describe('sniffing images by their bytes', () => {
  it('knows JPEG, PNG and WebP, and nothing else', async () => {
    expect(sniffImage(await picture('jpeg'))).toBe('image/jpeg')
    expect(sniffImage(await picture('png'))).toBe('image/png')
    expect(sniffImage(await picture('webp'))).toBe('image/webp')
    expect(sniffImage(await picture('gif'))).toBeUndefined()
    expect(sniffImage(new TextEncoder().encode('<?xml version="1.0"?><svg/>'))).toBeUndefined()
    expect(sniffImage(new Uint8Array(0))).toBeUndefined()
  })
})

describe('reading a .prj', () => {
  it('recognises GCJ-02, CGCS2000, WGS 84 and projected systems, and refuses Xi’an 1980 and BD-09', () => {
    expect(detectPrj(GCJ02_PRJ)).toMatchObject({ kind: 'geographic', crs: 'gcj02' })
    expect(detectPrj('GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]]]')).toMatchObject({ kind: 'geographic', crs: 'cgcs2000' })
    expect(detectPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]')).toMatchObject({ kind: 'geographic', crs: 'wgs84' })
    expect(detectPrj(WEB_MERCATOR_PRJ)).toMatchObject({ kind: 'projected' })
    expect(detectPrj('PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]')).toMatchObject({ kind: 'projected' })
    expect(detectPrj(XIAN80_PRJ)).toMatchObject({ kind: 'unsupported' })
    expect(detectPrj('GEOGCS["BD09"]')).toMatchObject({ kind: 'unsupported' })
  })

  it('reads the legacy GeoJSON crs member', () => {
    expect(detectGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } })).toMatchObject({ crs: 'cgcs2000' })
    expect(detectGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } })).toMatchObject({ crs: 'wgs84' })
    expect(detectGeoJsonCrs({ type: 'name', properties: { name: 'EPSG:4549' } })).toMatchObject({ kind: 'unsupported' })
    expect(detectGeoJsonCrs(undefined)).toBeUndefined()
  })
})

describe('unzipping', () => {
  it('reads what a zip holds, by name', () => {
    const files = unzip(zipOf({ 'a.prj': 'GEOGCS', 'dir/b.dbf': Uint8Array.from([1, 2, 3]) }))
    expect(new TextDecoder().decode(files.get('a.prj'))).toBe('GEOGCS')
    expect([...files.get('dir/b.dbf')!]).toEqual([1, 2, 3])
  })

  it('refuses a truncated or corrupt archive with a ZipError, never a crash', () => {
    const zip = zipOf({ 'a.shp': new Uint8Array(100) })
    expect(() => unzip(zip.subarray(0, 60))).toThrow(ZipError)
    const corrupt = zip.slice()
    corrupt.set([0xff, 0xff, 0xff, 0x7f], corrupt.length - 6)
    expect(() => unzip(corrupt)).toThrow(ZipError)
    expect(() => unzip(new Uint8Array(10))).toThrow(ZipError)
  })
})
