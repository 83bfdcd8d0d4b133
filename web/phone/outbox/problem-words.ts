import type { Bilingual } from '../../../server/domain/names'
import type { OutboxProblem } from './types'

type Heading = Bilingual

/** What a refusal means for the worker, by the server's error code (server/routes and services name them). */
const byCode: Record<string, Heading> = {
  stale_version: { zh: '隐患已被他人更新，请对照两个版本后重做或放弃', en: 'The hazard changed meanwhile: compare both versions, then redo or discard' },
  idempotency_conflict: { zh: '同一编号已用于不同内容，无法发送', en: 'This key was already used for different content' },
  invalid_input: { zh: '内容有误，请修改后重试', en: 'Something in it is not valid; correct it and retry' },
  bad_time: { zh: '发现或登记时间不合理', en: 'The found or queued time is not possible' },
  not_allowed_now: { zh: '隐患当前状态下无法办理', en: 'Not possible in the hazard’s present state' },
  too_many_photos: { zh: '该隐患的照片已达上限', en: 'The hazard holds as many photos as it may' },
  too_large: { zh: '照片太大', en: 'The photo is too large' },
  unsupported_media_type: { zh: '不是可用的图片', en: 'Not an image the server takes' },
  forbidden: { zh: '此账号无权办理', en: 'Not allowed for this account' },
  not_found: { zh: '隐患不存在或不在您的范围内', en: 'No such hazard within your reach' },
}

/** By status when the code is not one of the above. */
const byStatus: Record<number, Heading> = {
  400: byCode['invalid_input']!,
  403: byCode['forbidden']!,
  404: byCode['not_found']!,
  409: { zh: '与服务器上的记录冲突', en: 'In conflict with the server’s record' },
  413: byCode['too_large']!,
  415: byCode['unsupported_media_type']!,
  422: { zh: '服务器无法办理', en: 'The server cannot do it' },
}
const refused: Heading = { zh: '服务器拒收', en: 'The server refused it' }

/**
 * An item's problem in words, Chinese and English, for 需处理: what it means for the worker, then
 * the server's own message (which names the field or the rule), so nothing it said is lost.
 */
export function problemWords(problem: OutboxProblem): Bilingual {
  const heading = byCode[problem.code] ?? byStatus[problem.status] ?? refused
  if (!problem.message) return heading
  return { zh: `${heading.zh}（${problem.message}）`, en: `${heading.en} (${problem.message})` }
}
