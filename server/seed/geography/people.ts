import type { Rng } from './random'

/** Surnames common in 胶东 (Jiaodong), most frequent first, so they repeat as they do in a real roster. */
const surnames = [...'王王王李李张张刘刘孙孙赵杨于于徐高姜姜宋朱林郭马周董吕邵曲房纪崔栾臧毛韩矫']
const firstChars = [...'建志秀桂玉海春明国永立德文庆兴学淑丽红晓新金宝福瑞成']
const secondChars = [...'国强英兰梅涛生华军平峰霞芳杰伟刚勇敏静磊鹏辉娟燕林超']

/** A synthetic but ordinary Chinese name: surname plus one or two characters. */
export function personName(rng: Rng): string {
  const surname = rng.pick(surnames)
  return rng.chance(0.3) ? surname + rng.pick(secondChars) : surname + rng.pick(firstChars) + rng.pick(secondChars)
}

/** Real mobile prefixes of the three carriers; the rest is random. */
const mobilePrefixes = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '183', '187', '188', '130', '131', '132', '155', '156', '185', '186', '133', '153', '180', '181', '189', '177', '199']

export function mobileNumber(rng: Rng): string {
  let digits = rng.pick(mobilePrefixes)
  while (digits.length < 11) digits += String(rng.int(0, 9))
  return digits
}
