/**
 * The one font of every map label. The style has no `glyphs` URL, so MapLibre draws labels with
 * this CSS family, which the app ships (@fontsource/noto-sans-sc, imported in main.ts).
 */
export const labelFontFamily = 'Noto Sans SC'
export const labelFont = [labelFontFamily]

/** Every distinct character of the given names, for preloading exactly the font subsets used. */
export function distinctCharacters(names: Iterable<string>): string {
  const chars = new Set<string>()
  for (const name of names) for (const ch of name) chars.add(ch)
  return [...chars].join('')
}

/**
 * Loads the unicode-range subsets that cover `text`. MapLibre rasterises a glyph once; a glyph
 * drawn before its subset arrives stays an empty box, so this must finish before the first label.
 */
export async function loadLabelFont(text: string): Promise<void> {
  await document.fonts.load(`16px "${labelFontFamily}"`, text)
}

/** The bold cut, for the characters drawn on canvas badges (see marks.ts). */
export async function loadBadgeFont(text: string): Promise<void> {
  await document.fonts.load(`700 16px "${labelFontFamily}"`, text)
}
