import type { JSX } from 'preact';
import { isBrowserNoise } from '../evaluator/fetch-metadata';
import type { CorsRecord } from '../shared/record';
import { HeaderTable } from '../ui/HeaderTable';

/** The preflight, each redirect hop and the final response, as header tables: the raw evidence. */
export function ExchangeHeaders({ record }: { record: CorsRecord }): JSX.Element {
  const { exchange, evaluation } = record;
  return (
    <>
      <h2>Every header</h2>
      {exchange.preflights.map((p, i) => (
        <section key={`p${i}`}>
          <h3>
            Preflight OPTIONS {p.url} → {p.response?.status ?? p.networkError ?? 'no response'}
          </h3>
          <h3>Preflight request headers</h3>
          <HeaderTable headers={p.requestHeaders} />
          <h3>Preflight response headers</h3>
          <HeaderTable headers={p.response?.headers ?? []} />
        </section>
      ))}
      {exchange.redirects.map((hop, i) => (
        <section key={`r${i}`}>
          <h3>
            Redirect {hop.response.status} {hop.url} → {hop.location}
          </h3>
          <HeaderTable headers={hop.response.headers} />
        </section>
      ))}
      <section>
        <h3>
          Request {exchange.method.toUpperCase()} {exchange.url}
        </h3>
        <HeaderTable headers={exchange.requestHeaders.filter((h) => !isBrowserNoise(h.name))} />
        <h3>Response {exchange.response ? exchange.response.status : (exchange.networkError ?? 'none')}</h3>
        <HeaderTable headers={exchange.response?.headers ?? []} hidden={evaluation.exposedHeaders.hidden} />
      </section>
    </>
  );
}
