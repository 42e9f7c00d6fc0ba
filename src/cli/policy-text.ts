import type { CorsPolicy } from '../explain/policy';
import { describeCovered, describePolicy } from '../explain/policy-words';
import type { Snippet } from '../explain/snippets';
import { printable } from './terminal';

const MAX_COVERED = 12;

/** The policy a snippet was rendered from and the requests it covers, indented for a block. */
export function policyLines(policy: CorsPolicy, indent = '  '): string[] {
  const covered = policy.covers
    .slice(0, MAX_COVERED)
    .map((c) => `${indent}  ${printable(describeCovered(c))}`);
  const more = policy.covers.length - covered.length;
  return [
    `${indent}policy for ${printable(policy.server)} (every request to it, merged with what it already grants):`,
    ...describePolicy(policy).map((l) => `${indent}  ${printable(l)}`),
    `${indent}covers ${policy.covers.length} request${policy.covers.length === 1 ? '' : 's'}:`,
    ...covered,
    ...(more > 0 ? [`${indent}  … and ${more} more`] : []),
  ];
}

export function snippetLines(snippet: Snippet, indent = '  '): string[] {
  return [
    `${indent}${snippet.label}:`,
    ...snippet.code
      .trimEnd()
      .split('\n')
      .map((l) => `${indent}  ${printable(l)}`),
  ];
}
