/**
 * The Chrome manifest → the Firefox one. Same features; only what Firefox needs differs:
 * - MV3 in Firefox has no service workers for extensions: `background.scripts` (an event page);
 * - `browser_specific_settings.gecko.id` is required for a signed, installable add-on;
 * - minimum Firefox 142: `world: "MAIN"` content scripts need 128, data_collection_permissions
 *   (required for new add-ons) needs 140 on desktop and 142 on Android;
 * - `minimum_chrome_version` means nothing there, and `options_page` becomes `options_ui`.
 * Host permissions are opt-in in Firefox MV3: the user grants `<all_urls>` from the add-ons
 * manager (or when asked), and until then webRequest sees nothing.
 */
export const GECKO_ID = 'cors-lens@cors-lens.dev';
export const FIREFOX_MIN_VERSION = '142.0';

type Manifest = Record<string, unknown>;

function backgroundScript(background: unknown): string {
  if (typeof background === 'object' && background !== null) {
    const { service_worker: worker, scripts } = background as { service_worker?: unknown; scripts?: unknown };
    if (typeof worker === 'string') return worker;
    if (Array.isArray(scripts) && typeof scripts[0] === 'string') return scripts[0];
  }
  throw new Error('manifest.background has neither service_worker nor scripts');
}

export function toFirefoxManifest(chrome: Manifest): Manifest {
  const { minimum_chrome_version: _chromeOnly, options_page: optionsPage, background, ...rest } = chrome;
  const firefox: Manifest = {
    ...rest,
    background: { scripts: [backgroundScript(background)], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Required for new add-ons: it reads requests locally and sends nothing anywhere.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
  if (typeof optionsPage === 'string') firefox.options_ui = { page: optionsPage, open_in_tab: true };
  if (JSON.stringify(firefox).includes('extraHeaders')) {
    throw new Error('the Firefox manifest must not mention extraHeaders (Firefox rejects it)');
  }
  return firefox;
}
