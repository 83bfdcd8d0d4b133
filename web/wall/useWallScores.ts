import { fetchScorecards } from '../api/scorecards'
import { useLatestAnswer } from './useLatestAnswer'

/** This month's district scores for the wall: aggregates only (the one scorecard question the wall's role may ask). */
export function useWallScores() {
  const { answer, settled } = useLatestAnswer(() => fetchScorecards('district'))
  return { scores: answer, settled }
}
