/**
 * The bundled Chinese font (@fontsource/noto-sans-sc), for phones without a CJK font of their own,
 * asked for once the first screen (the report form, or the login) has been painted. Before it, its
 * stylesheet (101 `@font-face` rules) restyled the whole page and each subset that arrived reshaped
 * the text again, on the main thread the form was waiting for (`npm run bench:web -- --phone-only`).
 * A phone with its own CJK font (PingFang, Noto Sans CJK: first in phone.css's font list) fetches no
 * subset at all; one without shows the fallback glyphs a moment longer instead of a blank page.
 */
let asked = false

export function loadBundledFontAfterPaint(): void {
  if (asked) return
  asked = true
  // After the next frame is drawn, and out of that frame's task.
  requestAnimationFrame(() => setTimeout(() => void import('@fontsource/noto-sans-sc/400.css')))
}
