/**
 * The service worker. Listeners that must wake a stopped worker are registered synchronously at
 * the top level (navigations, messages, ports, tabs); the capture's webRequest listeners follow
 * the recording scope once the stored state is loaded (src/background/reducers/scope.ts), and
 * the capture queues events until then. Observe only: no listener blocks or changes a request.
 */
import hookSitesFile from '../content/hook-sites.iife.ts?script';
import relayFile from '../content/relay.iife.ts?script';
import {
  actionBadge,
  browserLabel,
  extensionVersion,
  localStore,
  onRuntimeConnect,
  onRuntimeMessage,
  onTabRemoved,
  openTabs,
  runtimeProfile,
  sessionStore,
} from '../platform/extension';
import { pageHookFollower } from '../platform/page-hook';
import { onNavigation, webRequestFollower } from '../platform/webrequest';
import { Capture } from './capture';
import { answer } from './messages';
import { servePort } from './ports';

// The listeners deliver to the capture; the capture decides (on each scope change) which exist.
const listen = webRequestFollower((name, event) => capture.onWebRequest(name, event));
const capture = new Capture({
  session: sessionStore(),
  local: localStore(),
  badge: actionBadge(),
  profile: runtimeProfile(),
  listen,
  hook: pageHookFollower({ hook: hookSitesFile, relay: relayFile }),
  openTabs,
});
const label = browserLabel();
const env = { extensionVersion: extensionVersion(), ...(label === undefined ? {} : { browser: label }) };

onNavigation((tabId, url) => void capture.onTabPage(tabId, url));
onTabRemoved((tabId) => void capture.onTabRemoved(tabId));
onRuntimeMessage((message, sender) => answer(capture, env, message, sender));
onRuntimeConnect((port) => servePort(capture, port));
