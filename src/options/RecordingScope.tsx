import type { JSX } from 'preact';
import type { RecordScope } from '../shared/scope';

export interface RecordingScopeProps {
  readonly scope: RecordScope;
  /** The sites turned on, one per line as edited. */
  readonly sites: string;
  readonly onScope: (scope: RecordScope) => void;
  readonly onSites: (sites: string) => void;
}

/** Which pages are recorded: development hosts plus the sites listed, or every site. */
export function RecordingScope({ scope, sites, onScope, onSites }: RecordingScopeProps): JSX.Element {
  return (
    <fieldset class="scope">
      <legend>Record CORS on</legend>
      <label>
        <input
          type="radio"
          name="recordScope"
          value="dev-hosts"
          checked={scope === 'dev-hosts'}
          onChange={() => onScope('dev-hosts')}
        />
        Development hosts (localhost, *.localhost, *.test, *.local, private addresses), the sites below, and
        any tab whose CORS panel is open
      </label>
      <label>
        <input
          type="radio"
          name="recordScope"
          value="all-sites"
          checked={scope === 'all-sites'}
          onChange={() => onScope('all-sites')}
        />
        Every site (every page you load pays for the observation)
      </label>
      <label class="list">
        Sites turned on (one host per line; delete a line to turn a site off)
        <textarea name="recordSites" rows={5} value={sites} onInput={(e) => onSites(e.currentTarget.value)} />
      </label>
    </fieldset>
  );
}
