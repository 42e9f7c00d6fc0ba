/**
 * The DevTools-only APIs the panel needs (chrome.devtools is not in webextension-polyfill's
 * scope for panels and is absent when the panel page is opened as a normal tab).
 */

export type ThemeName = 'dark' | 'light';

interface DevtoolsLike {
  readonly inspectedWindow?: { readonly tabId?: number };
  readonly panels?: {
    readonly themeName?: string;
    create?(title: string, icon: string, page: string, done?: () => void): void;
  };
}

function devtools(): DevtoolsLike | undefined {
  const host = globalThis as { chrome?: { devtools?: DevtoolsLike } };
  return host.chrome?.devtools;
}

/** The inspected tab when running inside DevTools, else `?tabId=N` from the page URL. */
export function inspectedTabId(search: string = globalThis.location?.search ?? ''): number | null {
  const fromDevtools = devtools()?.inspectedWindow?.tabId;
  if (typeof fromDevtools === 'number') return fromDevtools;
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

/** `?theme=dark|light` wins, then the DevTools theme, then the OS preference. */
export function themeName(search: string = globalThis.location?.search ?? ''): ThemeName {
  const forced = new URLSearchParams(search).get('theme');
  if (forced === 'dark' || forced === 'light') return forced;
  const devtoolsTheme = devtools()?.panels?.themeName;
  if (devtoolsTheme === 'dark') return 'dark';
  if (devtoolsTheme === 'default') return 'light';
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Registers the "CORS" panel; a no-op outside DevTools. */
export function createPanel(title: string, icon: string, page: string): void {
  devtools()?.panels?.create?.(title, icon, page);
}
