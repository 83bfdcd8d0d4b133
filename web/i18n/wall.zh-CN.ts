/** Messages of the wall view, in Chinese (the default). Merged into zh-CN.ts under 'wall'. */
export const wallZhCN = {
  title: '指挥大屏',
}

export type WallMessages = typeof wallZhCN
