export { applyFixEverywhere, applyFixSteps } from './fix';
export { formatHeaderLines, type ParsedLines, parseHeaderLines, removeHeader, setHeader } from './lines';
export {
  hypotheticalExchange,
  isEdited,
  type MessageDraft,
  type MessageKind,
  startWhatIf,
  type WhatIfAction,
  type WhatIfState,
  whatIfRecord,
  whatIfReducer,
} from './state';
