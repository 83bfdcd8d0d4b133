// The tests use two programs from Debian's packages: Chromium for the browser tests and openssl to
// make a throwaway certificate for the HTTPS test. Install whichever is missing (CI runs as root).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const tools = { '/usr/bin/chromium': 'chromium', '/usr/bin/openssl': 'openssl' }
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
