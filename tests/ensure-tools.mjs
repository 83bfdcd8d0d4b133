// The tests use programs from Debian's packages: Chromium for the browser tests, openssl to make a
// throwaway certificate for the HTTPS test, and PostgreSQL 15 with PostGIS 3 for the suite's second
// pass on the PostgreSQL store. Install whichever is missing (CI runs as root).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const tools = {
  '/usr/bin/chromium': 'chromium',
  '/usr/bin/openssl': 'openssl',
  '/usr/share/postgresql/15/extension/postgis.control': 'postgresql-15-postgis-3',
}
const missing = Object.entries(tools).filter(([path]) => !existsSync(path))

if (missing.length) {
  const packages = missing.map(([, name]) => name).join(' ')
  console.log(`${missing.map(([path]) => path).join(', ')} missing: installing Debian's ${packages}`)
  const { status } = spawnSync('sh', ['-c', `apt-get update && apt-get install -y ${packages}`], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  const still = missing.filter(([path]) => !existsSync(path))
  if (status !== 0 || still.length) {
    console.error(`could not install ${packages} (exit ${status})`)
    process.exit(1)
  }
}
