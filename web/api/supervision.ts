import type { CloseSupervision, ExtensionDecision, ExtensionRequest, NewSupervision } from '../../server/domain/contract/supervision'
import { api, call } from './client'

// The shapes are defined once, by the contract (server/domain/contract/supervision.ts).
export type { ExtensionView, SupervisionRights, SupervisionView } from '../../server/domain/contract/supervision'

const param = (id: number) => ({ id: String(id) })

/** `POST /api/hazards/:id/supervision` — 挂牌督办. */
export const listForSupervision = (id: number, json: NewSupervision) => call(api.hazards[':id'].supervision.$post({ param: param(id), json }))

/** `POST /api/hazards/:id/supervision/close` — 摘牌, once the hazard is closed out. */
export const takeDown = (id: number, json: CloseSupervision) => call(api.hazards[':id'].supervision.close.$post({ param: param(id), json }))

/** `POST /api/hazards/:id/extensions` — a request to move the deadline. */
export const askExtension = (id: number, json: ExtensionRequest) => call(api.hazards[':id'].extensions.$post({ param: param(id), json }))

/** `POST /api/hazards/:id/extensions/:eid/decision` — granted or refused. */
export const decideExtension = (id: number, eid: number, json: ExtensionDecision) =>
  call(api.hazards[':id'].extensions[':eid'].decision.$post({ param: { ...param(id), eid: String(eid) }, json }))
