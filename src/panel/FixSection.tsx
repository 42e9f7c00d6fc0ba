import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { curlCommands, describeFix, fixSnippets } from '../explain';
import type { CorsRecord } from '../shared/record';
import { CopyButton } from '../ui/CopyButton';

/** The fix in words, a snippet per server, and curl commands to check the server by hand. */
export function FixSection({ record }: { record: CorsRecord }): JSX.Element {
  const { fix } = record.evaluation;
  const snippets = fix.length > 0 ? fixSnippets(record) : [];
  const [chosen, setChosen] = useState(0);
  const snippet = snippets[Math.min(chosen, snippets.length - 1)];
  const curl = curlCommands(record, { redact: true });
  return (
    <>
      {fix.length > 0 && (
        <section data-testid="fix">
          <h2>Fix</h2>
          <ul>
            {fix.map((step, i) => (
              <li key={i}>{describeFix(step)}</li>
            ))}
          </ul>
          {snippets.length > 0 && snippet && (
            <>
              <div class="tabs" role="tablist" aria-label="Server snippets">
                {snippets.map((s, i) => (
                  <button
                    key={s.id}
                    type="button"
                    role="tab"
                    aria-selected={s.id === snippet.id}
                    onClick={() => setChosen(i)}
                  >
                    {s.label}
                  </button>
                ))}
              </div>
              <div role="tabpanel" aria-label={snippet.label}>
                <pre class="code" data-language={snippet.language}>
                  {snippet.code}
                </pre>
                <CopyButton text={snippet.code} label={`Copy ${snippet.label}`} />
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
