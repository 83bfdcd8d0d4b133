import type { Random } from './random'

// Common surnames weighted roughly by frequency in Shandong; synthetic people only.
const surnames = [...'王王王李李李张张张刘刘刘赵赵孙孙杨杨陈周吴徐马高郭于董姜崔宋韩冯曲程曹袁邓许傅沈彭吕苏卢蒋蔡贾丁魏薛叶阎潘杜戴夏钟汪田任范方石姚谭邹熊金陆郝孔白康毛邱秦江史顾侯邵孟万段钱汤尹易常武乔贺龚纪']
const given = [...'建国华明军伟芳娜秀英敏静丽强磊洋艳勇杰娟涛超霞平刚桂兰玉凤春梅海燕红波鹏辉志宏文斌峰晓东亮成']

/** A synthetic Chinese name: surname plus one or two given characters. */
export function personName(random: Random): string {
  const first = random.pick(surnames)
  const len = random.chance(0.7) ? 2 : 1
  let name = first
  for (let i = 0; i < len; i++) name += random.pick(given)
  return name
}

/** A synthetic mobile number in a real-looking range. */
export function mobile(random: Random): string {
  const prefix = random.pick(mobilePrefixes)
  let rest = ''
  for (let i = 0; i < 8; i++) rest += random.int(0, 9)
  return prefix + rest
}

const mobilePrefixes = ['135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '187', '188', '133', '153', '180', '189', '130', '131', '132', '155', '156', '185', '186']

/** An 18-digit resident ID registered in Pingdu (370283), with a valid check digit. */
export function idNumber(random: Random, birth: string): string {
  let seq = ''
  for (let i = 0; i < 3; i++) seq += random.int(0, 9)
  const body = `370283${birth.replaceAll('-', '')}${seq}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0)
  return body + '10X98765432'[sum % 11]!
}
