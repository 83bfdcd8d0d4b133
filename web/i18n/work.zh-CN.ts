/** Messages of the work view, in Chinese (the default). Merged into zh-CN.ts under 'work'. */
export const workZhCN = {
  title: '台账工作台',
}

export type WorkMessages = typeof workZhCN
