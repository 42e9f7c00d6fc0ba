import type { JSX } from 'preact';
import type { CredentialsMode } from '../evaluator/types';
import type { CorsRecord } from '../shared/record';
import { saveFile } from '../ui/save-file';
import { type MessageDraft, parseHeaderLines, type WhatIfAction, type WhatIfState } from '../whatif';
import { whatIfFile } from './whatif-export';

export interface WhatIfEditorProps {
  readonly state: WhatIfState;
  readonly edited: boolean;
  /** The record as edited (re-evaluated), for the exports. */
  readonly shown: CorsRecord;
  readonly dispatch: (action: WhatIfAction) => void;
  readonly onApplyFix: () => void;
}

const CREDENTIALS: readonly CredentialsMode[] = ['omit', 'same-origin', 'include'];

function heading(m: MessageDraft): string {
  const what =
    m.kind === 'preflight' ? 'Preflight response' : m.kind === 'redirect' ? 'Redirect response' : 'Response';
  return `${what} · ${m.method.toUpperCase()} ${m.url}`;
}

/**
 * Edit the server's answers and the credentials mode; the details above re-render from the
 * re-evaluated exchange as the user types. Escape resets to what was observed.
 */
export function WhatIfEditor({ state, edited, shown, dispatch, onApplyFix }: WhatIfEditorProps): JSX.Element {
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && edited) {
      event.preventDefault();
      dispatch({ type: 'reset' });
    }
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the editor resets it
    <div class="whatif" data-testid="whatif" onKeyDown={onKeyDown}>
      <p class="dim">
        One header per line, <span class="mono">Name: value</span>. Add, change or delete lines; every
        verdict, the trace and the fix follow as you type. Esc resets.
      </p>
      <div class="whatif-row">
        <label for="whatif-credentials">Request credentials</label>
        <select
          id="whatif-credentials"
          value={state.credentials}
          onChange={(e) => {
            const value = e.currentTarget.value;
            const credentials = CREDENTIALS.find((c) => c === value);
            if (credentials !== undefined) dispatch({ type: 'credentials', credentials });
          }}
        >
          {CREDENTIALS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      {state.messages.map((m) => {
        const invalid = parseHeaderLines(m.text).invalid;
        return (
          <fieldset key={m.id} class="whatif-message" data-message={m.id}>
            <legend class="mono">{heading(m)}</legend>
            {!m.observed && (
              <p class="dim">
                Not observed: the browser never got this response. Type one to see what would happen.
              </p>
            )}
            <div class="whatif-row">
              <label for={`whatif-status-${m.id}`}>Status</label>
              <input
                id={`whatif-status-${m.id}`}
                type="number"
                min={100}
                max={599}
                value={m.status}
                onInput={(e) => dispatch({ type: 'status', id: m.id, status: Number(e.currentTarget.value) })}
              />
            </div>
            <label for={`whatif-headers-${m.id}`}>Response headers</label>
            <textarea
              id={`whatif-headers-${m.id}`}
              class="mono"
              rows={Math.min(12, Math.max(3, m.text.split('\n').length + 1))}
              spellcheck={false}
              value={m.text}
              onInput={(e) => dispatch({ type: 'headers', id: m.id, text: e.currentTarget.value })}
            />
            {invalid.length > 0 && (
              <p class="whatif-invalid" role="alert">
                Ignored line{invalid.length === 1 ? '' : 's'} {invalid.join(', ')}: not Name: value.
              </p>
            )}
          </fieldset>
        );
      })}
      <div class="actions">
        <button type="button" onClick={onApplyFix}>
          Apply the fix
        </button>
        <button type="button" onClick={() => dispatch({ type: 'reset' })} disabled={!edited}>
          Reset
        </button>
        <button type="button" disabled={!edited} onClick={() => saveFile(whatIfFile(shown, 'markdown'))}>
          Export what-if Markdown
        </button>
        <button type="button" disabled={!edited} onClick={() => saveFile(whatIfFile(shown, 'json'))}>
          Export what-if JSON
        </button>
      </div>
    </div>
  );
}
