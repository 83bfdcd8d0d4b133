/**
 * Turns a PDF printed by Chromium back into pixels, with pdf.js running in a page of the app's own
 * origin (its module and worker served from node_modules by a route, so nothing goes off-origin).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { repoRoot } from './harness'

const BASE = '/__records-pdf-check'
const pdfjsBuild = join(repoRoot, 'node_modules', 'pdfjs-dist', 'build')

export interface RenderedPage {
  /** data: URL of the PNG */
  png: string
  width: number
  height: number
  /** rows of the image where one non-white colour runs across most of the width: table header fills and rules */
  bandRows: number
  text: string
  pages: number
}

/**
 * The checking page. Kept as page source rather than a function passed to page.evaluate, because
 * the test runner rewrites dynamic imports in test code.
 */
const checkPage = (scale: number) => `<!doctype html><meta charset="utf-8"><canvas id="c"></canvas>
<script type="module">
import * as pdfjs from '${BASE}/pdf.mjs'
pdfjs.GlobalWorkerOptions.workerSrc = '${BASE}/pdf.worker.mjs'
try {
  const doc = await pdfjs.getDocument({ url: '${BASE}/bulletin.pdf' }).promise
  const first = await doc.getPage(1)
  const viewport = first.getViewport({ scale: ${scale} })
  const canvas = document.getElementById('c')
  canvas.width = Math.ceil(viewport.width)
  canvas.height = Math.ceil(viewport.height)
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  await first.render({ canvas, canvasContext: ctx, viewport }).promise
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height)
  // A table shows as long horizontal runs of one non-white colour (the header's fill, the row rules).
  let bandRows = 0
  for (let y = 0; y < height; y++) {
    let run = 0, best = 0
    for (let x = 1; x < width; x++) {
      const i = (y * width + x) * 4
      const same = Math.abs(data[i] - data[i - 4]) < 4 && Math.abs(data[i + 1] - data[i - 3]) < 4 && Math.abs(data[i + 2] - data[i - 2]) < 4
      const white = data[i] > 250 && data[i + 1] > 250 && data[i + 2] > 250
      run = same && !white ? run + 1 : 0
      if (run > best) best = run
    }
    if (best > width * 0.6) bandRows++
  }
  const content = await first.getTextContent()
  const text = content.items.map((item) => item.str ?? '').join('')
  window.__rendered = { png: canvas.toDataURL('image/png'), width, height, bandRows, text, pages: doc.numPages }
} catch (error) {
  window.__rendered = { error: String(error && error.stack || error) }
}
</script>`

/** Renders page 1 of `pdf` at `scale` and measures it. */
export async function renderPdf(context: BrowserContext, origin: string, pdf: Buffer, scale = 1.5): Promise<RenderedPage> {
  const page = await context.newPage()
  await page.route(`${origin}${BASE}/**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(BASE.length + 1)
    if (name === 'bulletin.pdf') return route.fulfill({ body: pdf, contentType: 'application/pdf' })
    if (name === 'pdf.mjs' || name === 'pdf.worker.mjs') return route.fulfill({ body: readFileSync(join(pdfjsBuild, name)), contentType: 'text/javascript' })
    return route.fulfill({ body: checkPage(scale), contentType: 'text/html' })
  })
  try {
    await page.goto(`${origin}${BASE}/index.html`)
    const handle = await page.waitForFunction(() => (window as unknown as { __rendered?: unknown }).__rendered, undefined, { timeout: 60_000 })
    const result = (await handle.jsonValue()) as RenderedPage & { error?: string }
    if (result.error) throw new Error(`pdf.js could not render the PDF: ${result.error}`)
    return result
  } finally {
    await page.close()
  }
}
