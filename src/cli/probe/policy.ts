import type { BrowserProfile } from '../../evaluator/types';
import { corsPolicies } from '../../explain/policy';
import { policySnippets } from '../../explain/snippets';
import type { CorsRecord } from '../../shared/record';
import { policyLines, snippetLines } from '../policy-text';
import type { Check } from './config';
import type { ProbeResult } from './run';

/**
 * `probe --config --fix`: one policy per server origin from every check that must be allowed
 * (never from a "refuse" check: an origin that must stay out is not allow-listed), with the
 * snippet rendered from it, so one change covers every endpoint of the file.
 */
export function policyText(
  results: readonly { readonly check: Check; readonly result: ProbeResult }[],
  fix: string,
  profile: BrowserProfile,
): string {
  const records: CorsRecord[] = [];
  for (const { check, result } of results) {
    if (check.expect !== 'allowed' || result.kind !== 'evaluated') continue;
    const record = result.records.get(profile) ?? [...result.records.values()][0];
    if (record !== undefined) records.push({ ...record, id: `probe:${records.length}` });
  }
  const blocks = corsPolicies(records).map((policy) => {
    const snippet = policySnippets(policy).find((s) => s.id === fix);
    return [...policyLines(policy, ''), ...(snippet === undefined ? [] : snippetLines(snippet, ''))].join(
      '\n',
    );
  });
  return blocks.length > 0 ? blocks.join('\n\n') : 'fix: no check to allow, so no policy to print';
}
