import type { AddressInfo } from 'node:net'
import { readEnv } from './env'
import { listen, startNotes } from './listen'
import { startServices } from './start'
import { withStaticWeb } from './static'
import { createApp } from './app'
import { startWarningEngine } from './services/warnings/engine'

/** The node entry: configuration, store (seeded on first start), API and the built web app on one port. */
const env = readEnv()
const services = await startServices(env)
const app = withStaticWeb(createApp(services), env)
const server = await listen(app, env)
// Early warning: the detectors run once listening (off the event loop), after hazard writes and each new day.
const stopWarnings = startWarningEngine(services)
const [first, ...rest] = startNotes(env, (server.address() as AddressInfo).port)
console.log(`平安一张图 ${first} (${services.ledger.size} hazards, today ${services.today()})`)
for (const note of rest) console.log(note)

const stop = () => {
  stopWarnings()
  server.close()
  services.store.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
