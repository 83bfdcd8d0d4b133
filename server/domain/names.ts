/** A name in both of the product's languages; Chinese is primary. */
export interface Bilingual {
  zh: string
  en: string
}
