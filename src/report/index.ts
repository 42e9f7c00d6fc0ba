export { REDACTED, type RedactionLists, redactHeaders, redactRecord, redactUrl } from '../redact';
export { buildHar } from './har';
export {
  type BuildReportOptions,
  buildReport,
  EXTENSION_NAME,
  fromReportRecord,
  toReportRecord,
} from './json';
export { renderMarkdown } from './markdown';
export { mdCode, mdFence, mdLink, mdText } from './markdown-text';
