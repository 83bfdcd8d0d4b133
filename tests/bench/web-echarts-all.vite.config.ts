import { resolve } from 'node:path'
import { defineConfig, loadConfigFromFile, mergeConfig, type Plugin } from 'vite'

const root = resolve(import.meta.dirname, '../..')
/** The app's one ECharts module (web/charts/echarts.ts), the only place ECharts is loaded. */
const chartsModule = resolve(root, 'web/charts/echarts.ts')

/**
 * The comparison build of `npm run bench:web`: the app as it would be with `import * as echarts
 * from 'echarts'` (every chart, component and renderer) instead of the modules it uses.
 */
const allOfEcharts: Plugin = {
  name: 'bench-all-of-echarts',
  enforce: 'pre',
  load(id) {
    if (id.split('?')[0] === chartsModule) return "import * as echarts from 'echarts'\nexport const init = echarts.init\n"
    return undefined
  },
}

export default defineConfig(async (env) => {
  const app = await loadConfigFromFile(env, resolve(root, 'vite.config.ts'), root)
  if (!app) throw new Error('vite.config.ts not found')
  return mergeConfig(app.config, { plugins: [allOfEcharts] })
})
