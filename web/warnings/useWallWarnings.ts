import { fetchWarningSummary } from '../api/warnings'
import { useLatestAnswer } from '../wall/useLatestAnswer'

/**
 * The wall's early-warning figures (GET /api/warnings/summary, the one warnings question the
 * wall's role may ask: counts by level and the red and orange ones by area and category, no
 * hazard detail).
 */
export function useWallWarnings() {
  const { answer } = useLatestAnswer(fetchWarningSummary, 'warningRevision')
  return { summary: answer }
}
