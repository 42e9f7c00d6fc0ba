import type { JSX } from 'preact';
import type { Header } from '../evaluator/types';

/** Headers as text cells; `hidden` names (lowercase) are flagged as unreadable from JavaScript. */
export function HeaderTable(props: { headers: readonly Header[]; hidden?: readonly string[] }): JSX.Element {
  const { headers, hidden = [] } = props;
  if (headers.length === 0) return <p class="dim">No headers.</p>;
  return (
    <table class="headers">
      <tbody>
        {headers.map((h, i) => {
          const isHidden = hidden.includes(h.name.toLowerCase());
          return (
            <tr key={i} class={isHidden ? 'hidden-header' : undefined}>
              <td>
                {h.name}
                {isHidden && <span class="badge">hidden from JS</span>}
              </td>
              <td class="mono">{h.value}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
