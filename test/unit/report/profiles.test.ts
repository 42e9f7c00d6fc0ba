import { describe, expect, it } from 'vitest';
import { BROWSER_PROFILES } from '../../../src/evaluator/types';
import { importText } from '../../../src/panel/import-file';
import { buildHar, buildReport, renderMarkdown } from '../../../src/report';
import type { CorsRecord } from '../../../src/shared/record';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { startWhatIf, whatIfRecord, whatIfReducer } from '../../../src/whatif';
import { APP, authorizationWildcard, missingAcao } from '../ui/fixtures';

const now = new Date('2026-11-23T10:00:00.000Z');
const report = (records: CorsRecord[]) =>
  buildReport(records, { redact: true, settings: DEFAULT_SETTINGS, extensionVersion: '0.1.0', now });

/** missingAcao with the ACAO line typed in the what-if editor. */
function hypothetical(): CorsRecord {
  const record = missingAcao();
  const state = whatIfReducer(startWhatIf(record), {
    type: 'headers',
    id: 'response',
    text: `Access-Control-Allow-Origin: ${APP}`,
  });
  return whatIfRecord(record, state);
}

describe('per-profile verdicts in the reports', () => {
  it('JSON: each record has profiles (one per profile), equal to evaluation.byProfile', () => {
    const record = authorizationWildcard();
    const [row] = report([record]).records;
    expect(Object.keys(row?.profiles ?? {})).toEqual([...BROWSER_PROFILES]);
    expect(row?.profiles).toEqual(record.evaluation.byProfile);
    expect(row?.profiles?.spec?.verdict).toBe('blocked');
    expect(row?.hypothetical).toBeUndefined();
  });

  it('Markdown: the summary says where the browsers differ; each section lists every profile', () => {
    const md = renderMarkdown(report([authorizationWildcard(), missingAcao()]));
    expect(md).toContain('| # | Verdict | Method | URL | Reason | Browsers |');
    expect(md).toMatch(/\| Works in Chrome, Firefox and Safari, fails in the Fetch spec\. \|/);
    expect(md).toContain('| same in every profile |');
    expect(md).toMatch(
      /- In each browser: Chrome: blocked \(Missing Allow-Origin\); Firefox: blocked \(Missing Allow-Origin\);/,
    );
  });

  it('HAR: _corsLens carries the profiles', () => {
    const har = buildHar(report([authorizationWildcard()]));
    const actual = har.log.entries.at(-1) as {
      _corsLens?: { profiles?: Record<string, { verdict: string }> };
    };
    expect(actual._corsLens?.profiles?.chrome?.verdict).toBe('allowed');
    expect(actual._corsLens?.profiles?.spec?.verdict).toBe('blocked');
  });
});

describe('a what-if exchange exported', () => {
  it('JSON marks it hypothetical, with the edited headers and the new verdict', () => {
    const [row] = report([hypothetical()]).records;
    expect(row?.hypothetical).toBe(true);
    expect(row?.verdict).toBe('allowed');
    expect(row?.exchange.response?.headers).toEqual([{ name: 'Access-Control-Allow-Origin', value: APP }]);
  });

  it('Markdown says so at the top, in the summary row and in its own section', () => {
    const md = renderMarkdown(report([hypothetical()]));
    expect(md).toContain('- Hypothetical: 1 edited in the what-if editor (headers the server did not send)');
    expect(md).toContain('| 1 | allowed (hypothetical) |');
    expect(md).toContain('## Hypothetical exchanges (edited, not observed)');
    expect(md).toContain(`Access-Control-Allow-Origin: ${APP}`);
    expect(md).toContain('- What JavaScript saw: a readable response with status 500');
    expect(md).not.toContain('## Failing requests');
  });

  it('HAR marks it too, and an imported report keeps the mark', () => {
    const rep = report([hypothetical()]);
    const actual = buildHar(rep).log.entries.at(-1) as { _corsLens?: { hypothetical?: boolean } };
    expect(actual._corsLens?.hypothetical).toBe(true);
    const back = importText(JSON.stringify(rep));
    expect(back.ok && back.records[0]?.hypothetical).toBe(true);
  });
});

describe('importing a report written before byProfile', () => {
  it('computes every profile from the exchange', () => {
    const rep = report([authorizationWildcard()]);
    const old = {
      ...rep,
      records: rep.records.map(({ profiles: _p, evaluation: { byProfile: _b, ...evaluation }, ...row }) => ({
        ...row,
        evaluation,
      })),
    };
    const result = importText(JSON.stringify(old));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records[0]?.evaluation.byProfile.spec.verdict).toBe('blocked');
    expect(result.records[0]?.evaluation.byProfile.chrome.verdict).toBe('allowed');
  });
});
