import type { Bulletin } from '../../domain/contract/bulletins'
import { monthEn, monthZh } from './summary'

export type Lang = 'zh' | 'en'

/** The bulletin's words in both languages; the HTML page and the workbook share them. */
export const labels = {
  zh: {
    app: '平安一张图', title: (m: string) => `平安一张图 · ${monthZh(m)}通报`, provisional: '未定稿', final: '定稿',
    generated: '生成时间', asOf: '数据截至', summary: '综述', town: '全镇', districts: '各管区情况', villages: '各村庄情况',
    overdue: '逾期隐患（前10）', escalated: '当月上报疑难/紧急隐患（前10）', rank: '排名', name: '名称', district: '管区', village: '村庄',
    found: '新发现', closed: '销号', openAtStart: '月初在办', closeRate: '销号率', overdueN: '月末逾期', escalatedN: '上报', coverage: '排查覆盖率',
    code: '隐患编号', hazard: '隐患', category: '类别', level: '等级', deadline: '整改期限', daysOverdue: '逾期天数', escalatedOn: '上报日期',
    confidential: (category: string) => `〔涉密〕${category}`, none: '无', sheets: { summary: '汇总', districts: '管区', villages: '村庄', items: '逾期与上报' },
    figure: '指标', value: '数值', month: '月份', status: '状态',
  },
  en: {
    app: "Ping'an Map", title: (m: string) => `Ping'an Map · Bulletin for ${monthEn(m)}`, provisional: 'Provisional', final: 'Final',
    generated: 'Generated', asOf: 'Figures as of', summary: 'Summary', town: 'Town', districts: 'Districts', villages: 'Villages',
    overdue: 'Overdue hazards (top 10)', escalated: 'Escalated this month (top 10)', rank: 'Rank', name: 'Name', district: 'District', village: 'Village',
    found: 'Found', closed: 'Closed', openAtStart: 'Open at start', closeRate: 'Close rate', overdueN: 'Overdue', escalatedN: 'Escalated', coverage: 'Inspection coverage',
    code: 'Code', hazard: 'Hazard', category: 'Category', level: 'Level', deadline: 'Deadline', daysOverdue: 'Days overdue', escalatedOn: 'Escalated on',
    confidential: (category: string) => `[Confidential] ${category}`, none: 'None', sheets: { summary: '汇总', districts: '管区', villages: '村庄', items: '逾期与上报' },
    figure: 'Figure', value: 'Value', month: 'Month', status: 'Status',
  },
} as const

export const percent = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`)

/** The date and time a bulletin was generated, in China's time. */
export function generatedText(b: Bulletin): string {
  return new Date(Date.parse(b.generatedAt) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
}
