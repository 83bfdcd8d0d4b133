import { readFileSync } from 'node:fs'
import type { Polygon } from 'geojson'

/** The real inputs in data/ (see data/README.md): division names and codes, the county outline. */
export interface Division {
  code: string
  name: string
  level: 'county' | 'township' | 'village'
  parentCode: string
}

const dataDir = new URL('../../../data/', import.meta.url)

export function readDivisions(): Division[] {
  const lines = readFileSync(new URL('pingdu-divisions.csv', dataDir), 'utf8').trim().split(/\r?\n/)
  return lines.slice(1).map((line) => {
    const [code, name, level, parentCode] = line.split(',')
    if (!code || !name || !parentCode || (level !== 'county' && level !== 'township' && level !== 'village')) {
      throw new Error(`bad division row: ${line}`)
    }
    return { code, name, level, parentCode }
  })
}

export function readOutline(): Polygon {
  const text = readFileSync(new URL('pingdu-outline.geojson', dataDir), 'utf8')
  const fc = JSON.parse(text) as { features: { geometry: Polygon }[] }
  const geometry = fc.features[0]?.geometry
  if (geometry?.type !== 'Polygon') throw new Error('pingdu-outline.geojson: expected one Polygon feature')
  return geometry
}

const committeeSuffixes = ['社区居民委员会', '社区居委会', '村民委员会', '居民委员会', '村委会', '居委会', '委员会']

/** Label name: the official committee name without its committee suffix (罗头村村民委员会 → 罗头村). */
export function shortName(name: string): string {
  for (const suffix of committeeSuffixes) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      const rest = name.slice(0, -suffix.length)
      // 东阁社区居民委员会 → 东阁社区, 胜利路居委会 → 胜利路: keep 社区 where the official name had it
      return suffix.startsWith('社区') ? `${rest}社区` : rest
    }
  }
  return name
}

/** The bare place name used in compound names (罗头村 → 罗头, 东阁社区 → 东阁, 旧店镇 → 旧店). */
export function placeName(name: string): string {
  const short = shortName(name)
  // 涌泉新村, 又一村, 张戈庄一村: there 村 is part of the name, not a suffix
  if (/[新一二三四五六七八九十]村$/.test(short)) return short
  for (const suffix of ['社区', '街道', '镇', '村']) {
    if (short.endsWith(suffix) && short.length - suffix.length >= 2) return short.slice(0, -suffix.length)
  }
  return short
}
