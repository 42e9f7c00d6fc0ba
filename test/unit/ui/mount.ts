/**
 * A fresh element in the document for each test to render into, unmounted and removed after it.
 * Importing this registers the hooks for the importing test file (vitest isolates modules per
 * file), and `root` is a live binding: read it inside tests, not at import time.
 */
import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';

export let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});
