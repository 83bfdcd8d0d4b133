import { resolve } from 'node:path'
import type { Plugin, PluginOption, Rolldown } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { PHONE_ICONS, THEME_COLOR, renderIcon } from './sw-icons'

/**
 * The build's side of the phone app's offline shell (issue 15), for vite.config.ts:
 * - the web app manifest and its icons, written under dist/phone/ and linked from the phone page
 *   only (the desk at / is no app to install);
 * - the service worker web/phone/sw.ts, built by vite-plugin-pwa into dist/phone/sw.js (its folder
 *   is its scope, /phone/), with the precache list cut down to what the phone page loads.
 *
 * The desk's and the phone's chunks share dist/assets/; which of them the phone needs is read from the
 * bundle itself: the phone entry, every chunk it imports statically or lazily (the village map's
 * MapLibre chunk among them) and the CSS those bring. Font files are left to the worker's runtime
 * cache (sw-policy.ts): a hundred CJK subsets of which a page uses a few.
 */

const PHONE_HTML = 'phone/index.html'
const MANIFEST = 'phone/manifest.webmanifest'

/** The web app manifest: installs as its own app scoped to /phone/, opening on the report form's app. */
export const webAppManifest = {
  id: '/phone/',
  name: '平安一张图 · 网格员',
  short_name: '平安网格员',
  description: '网格员排查上报安全隐患，无信号时也能登记、整改（Grid worker: report and rectify hazards, offline too）',
  lang: 'zh-CN',
  start_url: '/phone/',
  scope: '/phone/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#ffffff',
  theme_color: THEME_COLOR,
  icons: PHONE_ICONS.map((icon) => ({ src: `/${icon.fileName}`, sizes: `${icon.size}x${icon.size}`, type: 'image/png', purpose: icon.purpose })),
}

/** Every file of the bundle the phone page loads: its entry's chunks (static and lazy), their CSS and assets, the page, manifest and icons. */
export function phoneFiles(bundle: Rolldown.OutputBundle): Set<string> {
  const files = new Set<string>([PHONE_HTML, MANIFEST, ...PHONE_ICONS.map((icon) => icon.fileName)])
  const chunks = Object.values(bundle).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk')
  const entry = chunks.find((chunk) => chunk.isEntry && chunk.facadeModuleId?.replaceAll('\\', '/').endsWith('/web/phone/index.html'))
  if (!entry) throw new Error('phone service worker: the bundle has no web/phone/index.html entry')
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const walk = (chunk: Rolldown.OutputChunk) => {
    if (files.has(chunk.fileName)) return
    files.add(chunk.fileName)
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css)
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) if (!/\.woff2?$/.test(asset)) files.add(asset)
    for (const next of [...chunk.imports, ...chunk.dynamicImports]) {
      const found = byName.get(next)
      if (found) walk(found)
    }
  }
  walk(entry)
  return files
}

/** Emits the manifest and icons, links them from the phone page, and notes the phone's files for the precache list. */
function phoneManifest(noted: Set<string>): Plugin {
  return {
    name: 'pingan:phone-manifest',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.path !== `/${PHONE_HTML}`) return html
        const icon = PHONE_ICONS[0]!
        return html.replace('</head>', `  <link rel="manifest" href="/${MANIFEST}" />\n    <link rel="apple-touch-icon" href="/${icon.fileName}" />\n  </head>`)
      },
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: MANIFEST, source: `${JSON.stringify(webAppManifest, null, 2)}\n` })
      for (const icon of PHONE_ICONS) this.emitFile({ type: 'asset', fileName: icon.fileName, source: await renderIcon(icon) })
    },
    writeBundle(_options, bundle) {
      noted.clear()
      for (const file of phoneFiles(bundle)) noted.add(file)
    },
  }
}

/** The plugins for vite.config.ts. */
export function phonePwa(): PluginOption[] {
  const noted = new Set<string>()
  return [
    phoneManifest(noted),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'phone',
      filename: 'sw.ts',
      scope: '/phone/',
      // Registered by web/phone/sw-register.ts, never by a script injected into a page; the manifest is ours (above).
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{html,js,mjs,css,webmanifest,png,svg}'],
        globIgnores: ['phone/sw.js', 'bench/**'],
        // The map chunk (MapLibre) is about 1 MB; the precache list is cut to the phone's files anyway.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        manifestTransforms: [
          (entries) => {
            if (noted.size === 0) throw new Error('phone service worker: the phone page\'s files were not noted')
            const manifest = entries.filter((entry) => noted.has(entry.url)).map((entry) => ({ ...entry, url: `/${entry.url}` }))
            const missing = [...noted].filter((file) => !entries.some((entry) => entry.url === file))
            return { manifest, warnings: missing.map((file) => `not precached (not found by the glob): ${file}`) }
          },
        ],
      },
      integration: {
        // The worker goes to dist/phone/ (its folder is its scope); the precache list is read from all of dist/.
        configureOptions(config, options) {
          const dist = resolve(config.root, config.build.outDir)
          options.outDir = resolve(dist, 'phone')
          options.injectManifest = { ...options.injectManifest, globDirectory: dist }
        },
      },
    }),
  ]
}
