/**
 * Issue 15's budget: the JavaScript the phone's report form needs before the map — the phone
 * entry's static import graph, as the built page loads it — weighs ≤ 200 KB gzip. A size, not a
 * timing: it reads the build (`npm run build`, which test:e2e runs first), so it fails when an
 * import pulls the desk, MapLibre or ECharts (or simply too much) in front of the form.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { phoneEntryWeight } from '../bench/web-phone'
import { repoRoot } from './harness'

const dist = join(repoRoot, 'dist')
const BUDGET_GZIP = 200 * 1024

describe('the phone page before the map', () => {
  it('loads at most 200 KB gzip of JavaScript', () => {
    const weight = phoneEntryWeight(dist)
    const listing = weight.files.map((f) => `${f.file}: ${(f.gzip / 1024).toFixed(1)} KB gzip`).join('\n')
    expect(weight.js.gzip, `the phone entry's static imports:\n${listing}`).toBeLessThanOrEqual(BUDGET_GZIP)
  })

  it('loads neither MapLibre nor ECharts nor the desk up front', () => {
    // Their chunks are named for them (maplibre-gl-*, echarts-*, the desk's entry main-*).
    const files = phoneEntryWeight(dist).files.map((f) => f.file)
    expect(files.filter((file) => /\/(maplibre-gl|echarts|main)-[^/]*$/.test(file)), files.join(', ')).toEqual([])
  })

  it("carries none of the desk's vue-i18n, which a chunk shared with the desk can drag in", () => {
    // The phone has its own small texts (web/phone/phone-i18n.ts); vue-i18n's runtime is ≈ 19 KB gzip.
    const files = phoneEntryWeight(dist).files.map((f) => f.file)
    const carrying = files.filter((file) => readFileSync(join(dist, file.startsWith('/') ? file.slice(1) : file), 'utf8').includes('intlify'))
    expect(carrying).toEqual([])
  })
})
