import type { WallMessages } from './wall.zh-CN'

/** Messages of the wall view, in English. */
export const wallEn: WallMessages = {
  title: 'Wall display',
}
