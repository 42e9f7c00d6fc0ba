/** The page hook's dynamic entry is not web-accessible: no page can fetch it to detect us. */
import { describe, expect, it } from 'vitest';
import { HOOK_SITES_FILE, RELAY_FILE, withoutHookResource } from '../../../scripts/private-hook';

describe('the manifest keeps the page hook private', () => {
  it('drops the hook and its relay from web_accessible_resources and keeps any other entry', () => {
    const other = { matches: ['<all_urls>'], resources: ['icons/16.png'] };
    expect(
      withoutHookResource({
        name: 'x',
        web_accessible_resources: [
          { matches: ['http://*/*'], resources: [HOOK_SITES_FILE, RELAY_FILE] },
          other,
        ],
      }),
    ).toEqual({ name: 'x', web_accessible_resources: [other] });
    expect(
      withoutHookResource({
        web_accessible_resources: [{ matches: ['http://*/*'], resources: [HOOK_SITES_FILE] }],
      }),
    ).toEqual({});
  });
});
