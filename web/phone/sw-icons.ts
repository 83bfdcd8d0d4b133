import sharp from 'sharp'

/**
 * The phone app's home-screen icons, drawn at build time (no image files kept in the repository):
 * a white shield with a tick on the campaign's red. Shapes only, no text: the build machine may have
 * no CJK font. The maskable icon keeps the shield inside the central 60 % (the launcher may cut
 * anything outside the 80 % safe circle).
 */
export const THEME_COLOR = '#b71c1c'

export interface PhoneIcon {
  /** the file's path under dist/, e.g. phone/icons/icon-192.png */
  fileName: string
  size: number
  purpose: 'any' | 'maskable'
}

export const PHONE_ICONS: PhoneIcon[] = [
  { fileName: 'phone/icons/icon-192.png', size: 192, purpose: 'any' },
  { fileName: 'phone/icons/icon-512.png', size: 512, purpose: 'any' },
  { fileName: 'phone/icons/maskable-512.png', size: 512, purpose: 'maskable' },
]

/** The drawing on a 100 × 100 canvas; `scale` of the shield's size (1 fills most of the square). */
function svg(size: number, scale: number, rounded: boolean): string {
  const offset = 50 - 50 * scale
  const corner = rounded ? 18 : 0
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
<rect width="100" height="100" rx="${corner}" fill="${THEME_COLOR}"/>
<g transform="translate(${offset} ${offset}) scale(${scale})">
<path d="M50 12 L80 24 V48 C80 68 67 81 50 88 C33 81 20 68 20 48 V24 Z" fill="#fff"/>
<path d="M36 50 L46 60 L65 40" fill="none" stroke="${THEME_COLOR}" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>
</g></svg>`
}

/** One icon as PNG bytes. */
export function renderIcon(icon: PhoneIcon): Promise<Buffer> {
  const maskable = icon.purpose === 'maskable'
  return sharp(Buffer.from(svg(icon.size, maskable ? 0.6 : 0.9, !maskable))).png().toBuffer()
}
