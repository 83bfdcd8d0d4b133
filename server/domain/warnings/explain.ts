import { categoryById, isConfidential, itemById, leadUnits } from '../categories'
import type { Bilingual } from '../names'
import { riskLevels } from '../levels'
import type { HotSpotPattern, Signal } from './model'

/**
 * Every warning explains itself (issue 14) in Chinese and English, with its numbers:
 * "南村庄 道路交通安全隐患 近半月 9 起，预期 2.1 起（泊松 p≈3×10⁻⁴），时空检验 z=3.4，连续第 3 个半月为热点".
 * One phrasing per detector and hot-spot pattern; the numbers are the signal's own, so an
 * independent recount of them checks the sentence.
 */

/** The names a reason needs, in both languages; the caller resolves the area and decides clearance. */
export interface ExplainNames {
  /** the area: a village, a cell cluster ("南村庄等3个网格"), a key site, a district, a lead unit, a town */
  area: Bilingual
  /**
   * May the reader see a confidential item's name (the plan's 注意保密)? When not, the reason names
   * the category only; the caller decides by the reader's role.
   */
  cleared: boolean
  /** the category's and item's names when not the plan's own (domain/categories) */
  category?: Bilingual
  item?: Bilingual
}

export function explain(signal: Signal, names: ExplainNames): Bilingual {
  switch (signal.detector) {
    case 'hot_spot':
      return hotSpot(signal, names)
    case 'rising_trend':
      return risingTrend(signal, names)
    case 'repeat_site':
      return repeatSite(signal, names)
    case 'overdue':
      return signal.parameters.hazard !== undefined ? overdueHazard(signal, names) : overdueBuildUp(signal, names)
    case 'seasonal':
      return seasonal(signal, names)
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' }
const superscript = (n: number) => [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('')

/** A probability as the reason prints it: 0.012 down to 0.001, then a×10⁻ᵇ (3×10⁻⁴); below 10⁻¹⁶ as <10⁻¹⁶. */
export function formatP(p: number): string {
  if (p >= 0.001) return String(Number(p.toPrecision(2)))
  if (p < 1e-16) return `<10${superscript(-16)}`
  let b = Math.floor(Math.log10(p))
  let a = Math.round(p / 10 ** b)
  if (a >= 10) { a = 1; b += 1 }
  return `${a}×10${superscript(b)}`
}

/** A number with at most `decimals` places, trailing zeros dropped (2.1, 3, 0.62). */
export const formatNumber = (x: number, decimals = 1): string => String(Math.round(x * 10 ** decimals) / 10 ** decimals)
const signed = (x: number, decimals = 1) => (x > 0 ? '+' : '') + formatNumber(x, decimals)

// ---------------------------------------------------------------------------------------------
// What a signal is about
// ---------------------------------------------------------------------------------------------

/** The plan's short English name of an item: its name without the parenthesised examples. */
const shortEn = (en: string) => en.replace(/\s*\(.*\)\s*$/, '')

/** The hazards a signal counts, named: the item, or the category only when the item is confidential and the reader not cleared. */
function subject(s: Signal, names: ExplainNames): Bilingual {
  const category = names.category ?? (s.category ? categoryById[s.category].name : null)
  const item = s.item ? (names.item ?? itemById.get(s.item)?.name ?? null) : null
  if (item && s.item && (names.cleared || !isConfidential(s.item))) return { zh: `${item.zh}隐患`, en: `${shortEn(item.en).toLowerCase()} hazards` }
  if (category) return { zh: `${category.zh}类隐患`, en: `${category.en.toLowerCase()} hazards` }
  // a signal over every category (a hot spot of all hazards)
  return { zh: '各类隐患', en: 'hazards of every category' }
}

/** Items by id, named as `subject` would: a confidential one by its category for an uncleared reader. */
function itemList(ids: readonly string[], cleared: boolean): Bilingual {
  const named = ids.flatMap((id) => {
    const item = itemById.get(id)
    if (!item) return []
    return [cleared || !item.confidential ? { zh: item.name.zh, en: shortEn(item.name.en).toLowerCase() } : { zh: `${categoryById[item.category].name.zh}类`, en: categoryById[item.category].name.en.toLowerCase() }]
  })
  const unique = (xs: string[]) => [...new Set(xs)]
  return { zh: unique(named.map((n) => n.zh)).join('、'), en: unique(named.map((n) => n.en)).join(', ') }
}

const hazardList = (ids: readonly number[], joiner: string) => ids.map((id) => `#${id}`).join(joiner)

// ---------------------------------------------------------------------------------------------
// One phrasing per detector
// ---------------------------------------------------------------------------------------------

/** "近半月 9 起，预期 2.1 起（4.3倍，泊松 p≈3×10⁻⁴）" and its English. */
function countAgainstExpected(s: Signal): Bilingual {
  const parts = { zh: `近半月 ${s.observed} 起`, en: `${s.observed} in the last half-month` }
  if (s.expected === null) return parts
  const inner = { zh: [] as string[], en: [] as string[] }
  if (s.ratio !== null) { inner.zh.push(`${formatNumber(s.ratio)}倍`); inner.en.push(`${formatNumber(s.ratio)}×`) }
  if (s.stats.p !== undefined) { inner.zh.push(`泊松 p≈${formatP(s.stats.p)}`); inner.en.push(`Poisson p ≈ ${formatP(s.stats.p)}`) }
  const zhInner = inner.zh.length ? `（${inner.zh.join('，')}）` : ''
  const enInner = inner.en.length ? ` (${inner.en.join(', ')})` : ''
  return { zh: `${parts.zh}，预期 ${formatNumber(s.expected)} 起${zhInner}`, en: `${parts.en} against ${formatNumber(s.expected)} expected${enInner}` }
}

const patternPhrase: Record<HotSpotPattern, (s: Signal) => Bilingual> = {
  new: () => ({ zh: '首次成为热点', en: 'a new hot spot' }),
  consecutive: (s) => ({ zh: `连续第 ${s.streak ?? 1} 个半月为热点`, en: `a hot spot for ${s.streak ?? 1} half-months running` }),
  intensifying: (s) => ({
    zh: `热点持续加剧${trend(s).zh}，连续第 ${s.streak ?? 1} 个半月为热点`,
    en: `an intensifying hot spot${trend(s).en}, hot for ${s.streak ?? 1} half-months running`,
  }),
  persistent: () => ({ zh: '长期热点，强度无明显升降', en: 'a persistent hot spot, neither rising nor falling' }),
  diminishing: (s) => ({ zh: `热点正在减弱${trend(s).zh}`, en: `a diminishing hot spot${trend(s).en}` }),
  sporadic: () => ({ zh: '时有时无的热点', en: 'an on-and-off hot spot' }),
  oscillating: () => ({ zh: '曾为冷点、近期转为热点', en: 'a hot spot that was a cold spot before' }),
  historical: () => ({ zh: '历史热点，近期未再出现', en: 'a historical hot spot, not hot lately' }),
}

/** "（Mann-Kendall τ=0.62，p≈1×10⁻³）" when the signal carries the trend test. */
function trend(s: Signal): Bilingual {
  if (s.stats.tau === undefined) return { zh: '', en: '' }
  const p = s.stats.tauP !== undefined ? { zh: `，p≈${formatP(s.stats.tauP)}`, en: `, p ≈ ${formatP(s.stats.tauP)}` } : { zh: '', en: '' }
  return { zh: `（Mann-Kendall τ=${formatNumber(s.stats.tau, 2)}${p.zh}）`, en: ` (Mann–Kendall τ = ${formatNumber(s.stats.tau, 2)}${p.en})` }
}

function hotSpot(s: Signal, names: ExplainNames): Bilingual {
  const what = subject(s, names)
  const counts = countAgainstExpected(s)
  const zh = [`${names.area.zh} ${what.zh} ${counts.zh}`]
  const en = [`${names.area.en}: ${what.en}, ${counts.en}`]
  if (s.stats.z !== undefined) {
    const q = s.stats.q !== undefined ? { zh: `（q=${formatP(s.stats.q)}）`, en: ` (q = ${formatP(s.stats.q)})` } : { zh: '', en: '' }
    zh.push(`时空检验 z=${formatNumber(s.stats.z)}${q.zh}`)
    en.push(`space-time z = ${formatNumber(s.stats.z)}${q.en}`)
  }
  if (s.pattern) {
    const phrase = patternPhrase[s.pattern](s)
    zh.push(phrase.zh)
    en.push(phrase.en)
  }
  return { zh: zh.join('，'), en: en.join('; ') }
}

function risingTrend(s: Signal, names: ExplainNames): Bilingual {
  const what = subject(s, names)
  const counts = countAgainstExpected(s)
  const zh = [`${names.area.zh} ${what.zh} ${counts.zh}`]
  const en = [`${names.area.en}: ${what.en}, ${counts.en}`]
  if (s.stats.cusum !== undefined) {
    const over = s.stats.threshold !== undefined
    zh.push(over ? `CUSUM ${formatNumber(s.stats.cusum)} 超过阈值 ${formatNumber(s.stats.threshold!)}` : `CUSUM ${formatNumber(s.stats.cusum)}`)
    en.push(over ? `CUSUM ${formatNumber(s.stats.cusum)} above its threshold ${formatNumber(s.stats.threshold!)}` : `CUSUM ${formatNumber(s.stats.cusum)}`)
  }
  if (s.streak) {
    zh.push(`连续第 ${s.streak} 个半月上升`)
    en.push(`rising ${s.streak} half-month${s.streak === 1 ? '' : 's'} running`)
  }
  if (s.slope !== null) {
    zh.push(`Sen 斜率 ${signed(s.slope)} 起/半月`)
    en.push(`Sen slope ${signed(s.slope)} a half-month`)
  }
  return { zh: zh.join('，'), en: en.join('; ') }
}

function repeatSite(s: Signal, names: ExplainNames): Bilingual {
  const what = subject(s, names)
  const metres = s.parameters.metres ?? 50
  const days = s.parameters.days ?? 60
  const serious = s.parameters.serious === 1
  return {
    zh: `${names.area.zh} ${what.zh} 销号后 ${days} 天内在 ${metres} 米内（或同一重点部位）复发 ${s.observed} 次（隐患 ${hazardList(s.evidence, '→')}），疑似虚假销号或整改不到位${serious ? '，其中有重大或较大隐患' : ''}`,
    en: `${names.area.en}: ${what.en} came back ${s.observed} time${s.observed === 1 ? '' : 's'} within ${metres} m (or at the same key site) within ${days} days of a close-out (hazards ${hazardList(s.evidence, ' → ')}): a suspected false close-out or a failed fix${serious ? ', a major or significant hazard among them' : ''}`,
  }
}

function overdueHazard(s: Signal, names: ExplainNames): Bilingual {
  const what = subject(s, names)
  const level = s.parameters.hazardLevel === 'major' ? riskLevels.major : riskLevels.significant
  const id = s.parameters.hazard
  return {
    zh: `${names.area.zh} ${level.zh}${what.zh.replace(/隐患$/, '')}隐患 #${id} 逾期 ${s.observed} 天未整改（整改期限 ${s.parameters.deadline}）`,
    en: `${names.area.en}: ${level.en.toLowerCase()} hazard #${id} (${what.en.replace(/ hazards$/, '')}) is ${s.observed} day${s.observed === 1 ? '' : 's'} past its rectification deadline (${s.parameters.deadline})`,
  }
}

function overdueBuildUp(s: Signal, names: ExplainNames): Bilingual {
  const p = s.parameters
  const due = Number(p.upcomingCount ?? s.upcoming?.length ?? 0)
  return {
    zh: `${names.area.zh} 逾期未整改隐患 ${s.observed} 起，一周前 ${p.weekAgo} 起、两周前 ${p.twoWeeksAgo} 起，连续 ${s.streak} 周上升，高于自身 ${p.percentile}% 分位（${p.p75} 起）${due ? `；未来 ${p.upcomingDays} 天另有 ${due} 起到期` : ''}`,
    en: `${names.area.en}: ${s.observed} hazards overdue, up from ${p.weekAgo} a week ago and ${p.twoWeeksAgo} two weeks ago, rising ${s.streak} weeks running and above its own ${p.percentile}th percentile (${p.p75})${due ? `; ${due} more fall due within ${p.upcomingDays} days` : ''}`,
  }
}

function seasonal(s: Signal, names: ExplainNames): Bilingual {
  const p = s.parameters
  const items = itemList(String(p.items ?? s.item ?? '').split(',').filter(Boolean), names.cleared)
  const unit = leadUnits[s.responsible.kind === 'lead_unit' ? s.responsible.id : 'safety']
  const ahead = p.phase === 'ahead'
  const lastYear = s.expected !== null ? { zh: `，去年同期 ${s.expected} 起`, en: `, against ${s.expected} in the same half-month last year` } : { zh: '', en: '' }
  return {
    zh: `${p.seasonZh}（${p.from} 至 ${p.to}）${ahead ? '即将开始' : '进行中'}：${names.area.zh} ${items.zh}隐患近半月 ${s.observed} 起${lastYear.zh}，请${unit.zh}组织针对性排查`,
    en: `${p.seasonEn} (${p.from} to ${p.to}) ${ahead ? 'is coming' : 'is under way'}: ${names.area.en} found ${s.observed} ${items.en} hazard${s.observed === 1 ? '' : 's'} in the last half-month${lastYear.en}; the ${unit.en.toLowerCase()} to lead focused checks`,
  }
}
