import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Settings } from '../shared/protocol';
import { parseMaxRecords, parseNameList } from './parse';
import { RecordingScope } from './RecordingScope';

export interface OptionsProps {
  readonly settings: Settings;
  /** Saves a change; resolves with the settings as stored by the worker. */
  readonly save: (patch: Partial<Settings>) => Promise<Settings>;
}

/** The recording scope, redaction lists, redact-by-default, preserve log and the per-tab bound. */
export function Options({ settings: initial, save }: OptionsProps): JSX.Element {
  const [settings, setSettings] = useState(initial);
  const [headers, setHeaders] = useState(initial.redactHeaders.join('\n'));
  const [params, setParams] = useState(initial.redactParams.join('\n'));
  const [maxRecords, setMaxRecords] = useState(String(initial.maxRecordsPerTab));
  const [status, setStatus] = useState<string | null>(null);
  const [sites, setSites] = useState(initial.recordSites.join('\n'));

  const onSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const bound = parseMaxRecords(maxRecords);
    if (!bound.ok) {
      setStatus(bound.error);
      return;
    }
    try {
      const stored = await save({
        redactHeaders: parseNameList(headers),
        redactParams: parseNameList(params),
        redactByDefault: settings.redactByDefault,
        preserveLog: settings.preserveLog,
        maxRecordsPerTab: bound.value,
        recordScope: settings.recordScope,
        recordSites: parseNameList(sites),
      });
      setSites(stored.recordSites.join('\n'));
      setSettings(stored);
      setHeaders(stored.redactHeaders.join('\n'));
      setParams(stored.redactParams.join('\n'));
      setStatus('Saved.');
    } catch (error) {
      setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <form class="options" onSubmit={onSubmit}>
      <h1>CORS Lens options</h1>
      <RecordingScope
        scope={settings.recordScope}
        sites={sites}
        onScope={(recordScope) => setSettings({ ...settings, recordScope })}
        onSites={setSites}
      />
      <label>
        <input
          type="checkbox"
          checked={settings.redactByDefault}
          onChange={(e) => setSettings({ ...settings, redactByDefault: e.currentTarget.checked })}
        />
        Redact secrets in exports by default
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.preserveLog}
          onChange={(e) => setSettings({ ...settings, preserveLog: e.currentTarget.checked })}
        />
        Preserve log across navigations
      </label>
      <label>
        Max records per tab{' '}
        <input
          type="number"
          name="maxRecordsPerTab"
          value={maxRecords}
          onInput={(e) => setMaxRecords(e.currentTarget.value)}
        />
      </label>
      <label class="list">
        Headers to redact (one per line)
        <textarea
          name="redactHeaders"
          rows={8}
          value={headers}
          onInput={(e) => setHeaders(e.currentTarget.value)}
        />
      </label>
      <label class="list">
        Query parameters to redact (one per line)
        <textarea
          name="redactParams"
          rows={8}
          value={params}
          onInput={(e) => setParams(e.currentTarget.value)}
        />
      </label>
      <div>
        <button type="submit">Save</button> <span role="status">{status ?? ''}</span>
      </div>
    </form>
  );
}
