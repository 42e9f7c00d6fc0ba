export { redactHarLog } from './har';
export {
  isSecretHeader,
  redactHeaders,
  redactHeaderValue,
  redactObservedExchange,
  redactRecord,
} from './record';
export { isRandomToken, looksSecret, REDACTED, type RedactionLists, redactSecretsIn } from './secrets';
export { redactUrl } from './url';
