import type { ThemeName } from '../platform/devtools';

/** Applies a theme to the document: the CSS variables in theme.css switch on `data-theme`. */
export function applyTheme(theme: ThemeName, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
}
