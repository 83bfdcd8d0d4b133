import { serve } from '@hono/node-server'
import { readEnv } from './env'
import { startServices } from './start'
import { withStaticWeb } from './static'
import { createApp } from './app'

/** The node entry: configuration, store (seeded on first start), API and the built web app on one port. */
const env = readEnv()
const services = await startServices(env)
const app = withStaticWeb(createApp(services), env.WEB_DIST)
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`平安一张图 listening on http://localhost:${info.port} (${services.ledger.size} hazards, today ${services.today()})`)
})

const stop = () => {
  server.close()
  services.store.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
