import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { describeStep, mdnUrl, reasonLabel, summarize } from '../explain';
import type { CorsRecord } from '../shared/record';
import { Evidence } from './Evidence';
import { ExchangeHeaders } from './ExchangeHeaders';
import { FixSection } from './FixSection';
import { ProfileVerdicts } from './ProfileVerdicts';
import { useWhatIf } from './use-what-if';
import { WhatIfEditor } from './WhatIfEditor';
import { WorkerLabel } from './WorkerLabel';

/**
 * Everything known about one exchange, in the order a developer needs it: the answer in one
 * sentence, the fix, the evidence (what JavaScript saw, what each response said, why a preflight,
 * the warnings), every browser's verdict (one line when they agree), the what-if editor, the
 * trace, then every header. With the what-if editor open and edited, everything renders the
 * re-evaluated hypothesis instead.
 */
export function Details({
  record: observed,
  onClose,
}: {
  record: CorsRecord;
  onClose: () => void;
}): JSX.Element {
  const whatIf = useWhatIf(observed);
  const [editing, setEditing] = useState(false);
  const record = whatIf.shown;
  const { exchange, evaluation } = record;
  const mdn = mdnUrl(evaluation.corsError, evaluation.firefoxReason);
  return (
    <aside class="details" aria-label="Request details">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
        <strong class="mono details-title">
          {exchange.method.toUpperCase()} {exchange.url} <WorkerLabel worker={record.worker} />
        </strong>
        <button type="button" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </div>
      {whatIf.edited && (
        <p class="hypothetical" data-testid="hypothetical" role="status">
          Hypothetical: edited headers, not what the server sent.{' '}
          <button type="button" onClick={() => whatIf.dispatch({ type: 'reset' })}>
            Reset
          </button>
        </p>
      )}
      <p class={`sentence ${evaluation.verdict}`} data-testid="sentence">
        {summarize(record)}
      </p>
      <p>
        <span class={`verdict-${evaluation.verdict}`}>{evaluation.verdict}</span>
        {' · '}
        {mdn ? (
          <a href={mdn} target="_blank" rel="noreferrer">
            {reasonLabel(evaluation)}
          </a>
        ) : (
          reasonLabel(evaluation)
        )}
        {evaluation.corsError && <span class="badge">{evaluation.corsError}</span>}
      </p>

      <FixSection record={record} />

      <Evidence record={record} />

      <ProfileVerdicts evaluation={evaluation} />

      <h2>
        <button
          type="button"
          class="disclosure"
          aria-expanded={editing}
          aria-controls="whatif-editor"
          onClick={() => setEditing(!editing)}
        >
          {editing ? '▾' : '▸'} What if… edit the server's headers
        </button>
      </h2>
      {editing && (
        <div id="whatif-editor">
          <WhatIfEditor
            state={whatIf.state}
            edited={whatIf.edited}
            shown={record}
            dispatch={whatIf.dispatch}
            onApplyFix={whatIf.applyFix}
          />
        </div>
      )}

      <h2>Every check, in order</h2>
      <ol class="trace">
        {evaluation.trace.map((step, i) => {
          const words = describeStep(step);
          return (
            <li key={i} class={step.outcome}>
              <a href={words.specUrl} target="_blank" rel="noreferrer">
                {words.title}
              </a>
              {step.outcome === 'fail' && <span class="badge badge-fail">fail</span>}
              {words.detail && <div class="dim">{words.detail}</div>}
            </li>
          );
        })}
      </ol>

      <ExchangeHeaders record={record} />
    </aside>
  );
}
