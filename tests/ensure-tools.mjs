// The tests use programs from Debian's packages: Chromium for the browser tests, openssl to make a
// throwaway certificate for the HTTPS test, PostgreSQL 15 with PostGIS 3 for the suite's second
// pass on the PostgreSQL store, and nginx for the failover test (tests/failover). Install whichever is
// missing (CI runs as root). The tests start their own PostgreSQL cluster and nginx on free loopback
// ports, so no service of these packages is started: while installing, a policy-rc.d (Debian's way
// for containers) refuses every start, and nothing is left holding port 80 or 5432.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs'

const tools = {
  '/usr/bin/chromium': 'chromium',
  '/usr/bin/openssl': 'openssl',
  '/usr/share/postgresql/15/extension/postgis.control': 'postgresql-15-postgis-3',
  '/usr/sbin/nginx': 'nginx',
}
const POLICY = '/usr/sbin/policy-rc.d'
const missing = Object.entries(tools).filter(([path]) => !existsSync(path))

if (missing.length) {
  const packages = missing.map(([, name]) => name).join(' ')
  console.log(`${missing.map(([path]) => path).join(', ')} missing: installing Debian's ${packages}`)
  // One already there (a container image's) is the machine's own: kept as it is.
  const ownPolicy = !existsSync(POLICY)
  if (ownPolicy) {
    writeFileSync(POLICY, '#!/bin/sh\n# written by tests/ensure-tools.mjs while installing: start no service\nexit 101\n')
    chmodSync(POLICY, 0o755)
  }
  const { status } = spawnSync('sh', ['-c', `apt-get update && apt-get install -y ${packages}`], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  if (ownPolicy) rmSync(POLICY, { force: true })
  const still = missing.filter(([path]) => !existsSync(path))
  if (status !== 0 || still.length) {
    console.error(`could not install ${packages} (exit ${status})`)
    process.exit(1)
  }
}
