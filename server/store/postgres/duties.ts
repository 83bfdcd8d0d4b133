/**
 * The duties' part of the PostgreSQL store: posts (who held which post when), frozen scorecards,
 * listed supervision with its extensions, and warnings with their lifecycle records.
 */
export { dutiesSchema } from './duties-schema'
export { postStore, scorecardStore } from './duties-posts'
export { supervisionStore } from './duties-supervision'
export { warningStore } from './warnings'
