import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { isBrowserNoise } from '../evaluator/fetch-metadata';
import { describeStep, describeWarning, mdnUrl, reasonLabel, summarize } from '../explain';
import type { CorsRecord } from '../shared/record';
import { HeaderTable } from '../ui/HeaderTable';
import { FixSection } from './FixSection';
import { ProfileVerdicts } from './ProfileVerdicts';
import { useWhatIf } from './use-what-if';
import { WhatIfEditor } from './WhatIfEditor';

/**
 * Everything known about one exchange, in the order a developer needs it. With the what-if
 * editor open and edited, everything below renders the re-evaluated hypothesis instead.
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
        <strong class="mono">
          {exchange.method.toUpperCase()} {exchange.url}
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

      <Compare record={record} />

      {evaluation.warnings.length > 0 && (
        <>
          <h2>Warnings</h2>
          {evaluation.warnings.map((w, i) => {
            const words = describeWarning(w);
            return (
              <div key={i} class={`warning ${words.severity}`}>
                <strong>{words.title}</strong>
                <div>{words.detail}</div>
              </div>
            );
          })}
        </>
      )}

      <FixSection record={record} />

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

      <Messages record={record} />
    </aside>
  );
}

/** "What JavaScript saw" next to "What the server really returned". */
function Compare({ record }: { record: CorsRecord }): JSX.Element {
  const { exchange, evaluation } = record;
  const outcome = exchange.pageOutcome;
  const realStatus = evaluation.hiddenStatus ?? exchange.response?.status ?? null;
  const jsSaw =
    outcome?.kind === 'rejected'
      ? `Rejected: ${outcome.message}`
      : outcome?.kind === 'response'
        ? `Status ${outcome.status} (${outcome.type} response)`
        : evaluation.verdict === 'blocked'
          ? 'A network error (TypeError), status 0'
          : evaluation.verdict === 'opaque'
            ? 'An opaque response: status 0, no headers'
            : `Status ${realStatus ?? '?'}`;
  return (
    <div class="compare">
      <section>
        <h3>What JavaScript saw</h3>
        <div>{jsSaw}</div>
        <div class="dim">
          Readable headers:{' '}
          {evaluation.verdict === 'allowed' && evaluation.exposedHeaders.readable.length > 0
            ? evaluation.exposedHeaders.readable.join(', ')
            : 'none'}
        </div>
      </section>
      <section>
        <h3>What the server really returned</h3>
        <div>
          {realStatus !== null ? `Status ${realStatus}` : (exchange.networkError ?? 'No response')}
          {evaluation.hiddenStatus !== null && <span class="badge">hidden from JS</span>}
        </div>
        {evaluation.exposedHeaders.hidden.length > 0 && (
          <div class="dim">Headers JS cannot read: {evaluation.exposedHeaders.hidden.join(', ')}</div>
        )}
      </section>
    </div>
  );
}

/** The preflight, each redirect hop and the final response, as header tables. */
function Messages({ record }: { record: CorsRecord }): JSX.Element {
  const { exchange, evaluation } = record;
  return (
    <>
      {exchange.preflights.map((p, i) => (
        <section key={`p${i}`}>
          <h2>
            Preflight OPTIONS {p.url} → {p.response?.status ?? p.networkError ?? 'no response'}
          </h2>
          <h3>Request headers</h3>
          <HeaderTable headers={p.requestHeaders} />
          <h3>Response headers</h3>
          <HeaderTable headers={p.response?.headers ?? []} />
        </section>
      ))}
      {exchange.redirects.map((hop, i) => (
        <section key={`r${i}`}>
          <h2>
            Redirect {hop.response.status} {hop.url} → {hop.location}
          </h2>
          <HeaderTable headers={hop.response.headers} />
        </section>
      ))}
      <section>
        <h2>
          Request {exchange.method.toUpperCase()} {exchange.url}
        </h2>
        <HeaderTable headers={exchange.requestHeaders.filter((h) => !isBrowserNoise(h.name))} />
        <h2>Response {exchange.response ? exchange.response.status : (exchange.networkError ?? 'none')}</h2>
        <HeaderTable headers={exchange.response?.headers ?? []} hidden={evaluation.exposedHeaders.hidden} />
      </section>
    </>
  );
}
