// Browser tests drive Debian's Chromium; install it when it is missing (CI runs as root).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = '/usr/bin/chromium'

if (!existsSync(CHROMIUM)) {
  console.log(`${CHROMIUM} is missing: installing Debian's chromium package`)
  const { status } = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  if (status !== 0 || !existsSync(CHROMIUM)) {
    console.error(`could not install chromium (exit ${status})`)
    process.exit(1)
  }
}
