import type { Settings } from './protocol';

/** Defaults a fresh install starts with; the options page edits the redaction lists. */
export const DEFAULT_SETTINGS: Settings = {
  preserveLog: false,
  maxRecordsPerTab: 10_000,
  redactByDefault: true,
  recordScope: 'dev-hosts',
  recordSites: [],
  redactHeaders: [
    'cookie',
    'set-cookie',
    'authorization',
    'proxy-authorization',
    'x-api-key',
    'x-auth-token',
  ],
  redactParams: [
    'access_token',
    'refresh_token',
    'id_token',
    'token',
    'api_key',
    'apikey',
    'key',
    'sig',
    'signature',
    'secret',
    'password',
    'code',
    'x-amz-signature',
    'x-amz-credential',
    'x-amz-security-token',
  ],
};
