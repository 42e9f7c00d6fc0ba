import type { JSX } from 'preact';
import { callsForAction, describeWarning, explainPreflight } from '../explain';
import type { CorsRecord } from '../shared/record';

/** `/path?query` of a URL (the host is in the details' heading); the URL itself if unparsable. */
function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

interface Said {
  readonly kind: 'preflight' | 'redirect' | 'actual';
  readonly label: string;
  readonly url: string;
  readonly said: string;
  readonly hidden?: boolean;
}

/** Each response in the order the browser got it, labelled with which one it was. */
function responses(record: CorsRecord): Said[] {
  const { exchange, evaluation } = record;
  const out: Said[] = [];
  if (exchange.preflights.length === 0 && evaluation.preflight.presumedCached) {
    out.push({
      kind: 'preflight',
      label: 'Preflight (OPTIONS)',
      url: exchange.url,
      said: 'none sent: from the cache',
    });
  }
  for (const p of exchange.preflights) {
    out.push({
      kind: 'preflight',
      label: 'Preflight (OPTIONS)',
      url: p.url,
      said: p.response ? `status ${p.response.status}` : (p.networkError ?? 'no answer'),
    });
  }
  for (const hop of exchange.redirects) {
    out.push({
      kind: 'redirect',
      label: `Redirect (${exchange.method.toUpperCase()})`,
      url: hop.url,
      said: `status ${hop.response.status} → ${hop.location}`,
    });
  }
  const notSent = !exchange.response && evaluation.failedOn === 'preflight';
  out.push({
    kind: 'actual',
    label: `Response (${exchange.method.toUpperCase()})`,
    url: exchange.url,
    said: exchange.response
      ? `status ${exchange.response.status}`
      : notSent
        ? 'none: the browser did not send the request after the preflight failed'
        : (exchange.networkError ?? 'no response'),
    hidden:
      evaluation.hiddenStatus !== null &&
      evaluation.failedOn !== 'preflight' &&
      exchange.response !== undefined,
  });
  return out;
}

function jsSaw(record: CorsRecord): string {
  const { exchange, evaluation } = record;
  const outcome = exchange.pageOutcome;
  if (outcome?.kind === 'rejected') return `Rejected: ${outcome.message}`;
  if (outcome?.kind === 'response') return `Status ${outcome.status} (${outcome.type} response)`;
  if (evaluation.verdict === 'blocked') return 'A network error (TypeError), status 0';
  if (evaluation.verdict === 'opaque') return 'An opaque response: status 0, no headers';
  return `Status ${evaluation.hiddenStatus ?? exchange.response?.status ?? '?'}`;
}

/** What JavaScript saw against what each response said; why a preflight; the warnings. */
export function Evidence({ record }: { record: CorsRecord }): JSX.Element {
  const { evaluation } = record;
  const readable =
    evaluation.verdict === 'allowed' && evaluation.exposedHeaders.readable.length > 0
      ? evaluation.exposedHeaders.readable.join(', ')
      : 'none';
  const preflight = explainPreflight(record);
  const warnings = [...evaluation.warnings].sort(
    (a, b) => Number(callsForAction(b)) - Number(callsForAction(a)),
  );
  return (
    <section data-testid="evidence" aria-label="Evidence">
      <h2>Evidence</h2>
      <div class="compare">
        <section>
          <h3>What JavaScript saw</h3>
          <div>{jsSaw(record)}</div>
          <div class="dim">Readable headers: {readable}</div>
        </section>
        <section>
          <h3>What the server answered</h3>
          <ul class="said">
            {responses(record).map((r, i) => (
              <li key={i} data-response={r.kind} title={r.url}>
                <strong>{r.label}</strong>
                {r.url !== record.exchange.url && <span class="dim mono"> {pathOf(r.url)}</span>}: {r.said}
                {r.hidden && <span class="badge">hidden from JS</span>}
              </li>
            ))}
          </ul>
          {evaluation.exposedHeaders.hidden.length > 0 && (
            <div class="dim">Headers JS cannot read: {evaluation.exposedHeaders.hidden.join(', ')}</div>
          )}
        </section>
      </div>
      {preflight && (
        <section class="why-preflight" data-testid="why-preflight">
          <h3>Why a preflight</h3>
          <ul>
            {preflight.because.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
          {preflight.avoid.length > 0 && (
            <p data-testid="avoid-preflight">
              <strong>To do without it: </strong>
              {preflight.avoid.join(' ')}
            </p>
          )}
          <p class="dim" data-testid="preflight-cache">
            {preflight.cache}
          </p>
        </section>
      )}
      {warnings.map((w, i) => {
        const words = describeWarning(w);
        return (
          <div key={i} class={`warning ${words.severity}`} data-severity={words.severity}>
            <strong>{words.title}</strong>
            <div>{words.detail}</div>
          </div>
        );
      })}
    </section>
  );
}
