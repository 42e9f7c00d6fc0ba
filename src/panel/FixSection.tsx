import type { JSX } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';
import type { FixStep } from '../evaluator/types';
import {
  curlCommands,
  describeCovered,
  describeFix,
  describePolicy,
  policyFor,
  policySnippets,
} from '../explain';
import type { CorsRecord } from '../shared/record';
import { CopyButton } from '../ui/CopyButton';
import { RecordsContext } from './records-context';

/** The header lines of one response's fix, as they go on the wire. */
function headerLines(step: FixStep): string {
  return step.setHeaders.map((h) => `${h.name}: ${h.value}`).join('\n');
}

function stepLabel(step: FixStep): string {
  return step.on === 'preflight' ? 'preflight' : step.on === 'redirect' ? 'redirect' : 'response';
}

/**
 * The minimum change per response (preflight, each redirect hop, the actual response) as header
 * lines to copy, then the server snippet rendered from the policy over every request the panel
 * holds to that server, and the requests that policy covers.
 */
export function FixSection({ record }: { record: CorsRecord }): JSX.Element {
  const { fix } = record.evaluation;
  const related = useContext(RecordsContext);
  const policy = useMemo(
    () => (fix.length > 0 ? policyFor(record, related) : null),
    [record, related, fix.length],
  );
  const snippets = useMemo(() => (policy === null ? [] : policySnippets(policy)), [policy]);
  const [chosen, setChosen] = useState(0);
  const snippet = snippets[Math.min(chosen, snippets.length - 1)];
  const curl = curlCommands(record, { redact: true });
  return (
    <>
      {fix.length > 0 && (
        <section data-testid="fix">
          <h2>Fix</h2>
          {fix.map((step, i) => (
            <div key={i} class="fix-step" data-on={step.on}>
              <p>{describeFix(step)}</p>
              {step.setHeaders.length > 0 && (
                <>
                  <pre class="code" data-testid="fix-headers">
                    {headerLines(step)}
                  </pre>
                  <CopyButton text={headerLines(step)} label={`Copy ${stepLabel(step)} headers`} />
                </>
              )}
            </div>
          ))}
          {snippet && policy && (
            <>
              <h3>
                <label>
                  Server configuration for{' '}
                  <select
                    aria-label="Server"
                    value={snippet.id}
                    onChange={(e) => setChosen(snippets.findIndex((s) => s.id === e.currentTarget.value))}
                  >
                    {snippets.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.label}
                      </option>
                    ))}
                  </select>
                </label>
              </h3>
              <section aria-label={snippet.label} data-testid="snippet">
                <pre class="code" data-language={snippet.language}>
                  {snippet.code}
                </pre>
                <CopyButton text={snippet.code} label={`Copy ${snippet.label}`} />
              </section>
              <div data-testid="policy" class="policy">
                <h3>Policy for {policy.server}</h3>
                <p class="dim">
                  Every request to this server the panel holds, merged with what the server already grants:
                  applying it keeps what works.
                </p>
                <ul>
                  {describePolicy(policy).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                <h4>
                  Covers {policy.covers.length} request{policy.covers.length === 1 ? '' : 's'}
                </h4>
                <ul>
                  {policy.covers.slice(0, 50).map((c, i) => (
                    <li key={i}>{describeCovered(c)}</li>
                  ))}
                  {policy.covers.length > 50 && <li>… and {policy.covers.length - 50} more</li>}
                </ul>
              </div>
            </>
          )}
        </section>
      )}
      <h2>Copy as curl</h2>
      {curl.preflight !== undefined && (
        <>
          <h3>Preflight</h3>
          <pre class="code">{curl.preflight}</pre>
          <CopyButton text={curl.preflight} label="Copy preflight curl" />
        </>
      )}
      <h3>Request</h3>
      <pre class="code">{curl.actual}</pre>
      <CopyButton text={curl.actual} label="Copy curl" />
    </>
  );
}
