/** A part of the port not yet written for PostgreSQL: using it says so. (Removed once every part is in.) */
export function notYet<T extends object>(part: string): T {
  return new Proxy({} as T, {
    get: (_t, key) => {
      throw new Error(`PostgreSQL store: ${part}.${String(key)} is not written yet`)
    },
  })
}
