/**
 * The service worker. Every listener is registered synchronously at the top level, so an event
 * wakes a worker the browser stopped; the capture queues events until its state is loaded.
 * Observe only: no listener blocks or changes a request.
 */
import {
  actionBadge,
  browserLabel,
  extensionVersion,
  localStore,
  onRuntimeConnect,
  onRuntimeMessage,
  onTabRemoved,
  runtimeProfile,
  sessionStore,
} from '../platform/extension';
import { observeWebRequest } from '../platform/webrequest';
import { Capture } from './capture';
import { answer } from './messages';
import { servePort } from './ports';

const capture = new Capture({
  session: sessionStore(),
  local: localStore(),
  badge: actionBadge(),
  profile: runtimeProfile(),
});
const label = browserLabel();
const env = { extensionVersion: extensionVersion(), ...(label === undefined ? {} : { browser: label }) };

observeWebRequest((name, event) => capture.onWebRequest(name, event));
onTabRemoved((tabId) => void capture.onTabRemoved(tabId));
onRuntimeMessage((message, sender) => answer(capture, env, message, sender));
onRuntimeConnect((port) => servePort(capture, port));
