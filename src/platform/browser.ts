/**
 * The only module that imports webextension-polyfill: the rest of the extension reaches the
 * browser through this file, so dropping the (frozen) polyfill later is a one-file change.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Tabs, WebRequest } from 'webextension-polyfill';
export { browser };
