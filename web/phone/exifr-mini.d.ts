/** exifr's smallest build (JPEG EXIF only) has the full package's API for what it reads. */
declare module 'exifr/dist/mini.esm.mjs' {
  export { parse } from 'exifr'
}
