/**
 * Where a click on an area leads: one level down inside the current area; outside it (a dimmed
 * neighbour), across to the neighbour at the current level rather than deep inside it.
 */
export function drillPath(current: readonly string[], clicked: readonly string[]): string[] {
  const inside = current.every((id, depth) => clicked[depth] === id)
  return inside ? [...clicked] : clicked.slice(0, Math.max(current.length, 1))
}
