import { onBeforeUnmount, onMounted, shallowRef, type Ref } from 'vue'

/** The element's size in CSS pixels, kept current as the window or the layout changes. */
export function useMapElementSize(element: Readonly<Ref<HTMLElement | null>>) {
  const size = shallowRef({ width: 0, height: 0 })
  let observer: ResizeObserver | undefined
  onMounted(() => {
    const el = element.value
    if (!el) return
    observer = new ResizeObserver(() => (size.value = { width: el.clientWidth, height: el.clientHeight }))
    observer.observe(el)
  })
  onBeforeUnmount(() => observer?.disconnect())
  return size
}
