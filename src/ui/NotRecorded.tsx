import type { JSX } from 'preact';
import type { TabScope } from '../shared/protocol';

export interface NotRecordedProps {
  readonly scope: TabScope;
  /** "Record and reload": turn the site on and reload the tab. */
  readonly onRecord: () => void;
}

/**
 * The tab's place in the recording scope, when it needs saying: not recorded at all (popup), or
 * recorded only while the CORS panel is open (panel). Renders state; the action is the caller's.
 */
export function NotRecorded({ scope, onRecord }: NotRecordedProps): JSX.Element | null {
  if (scope.reason !== 'not-recorded' && scope.reason !== 'panel') return null;
  const site = scope.host ?? 'this site';
  return (
    <section class="not-recorded" data-testid="not-recorded" data-reason={scope.reason}>
      <p>
        {scope.reason === 'panel' ? (
          <>
            Recording <strong>{site}</strong> while this panel is open. Requests from before it opened, and
            how the page called fetch(), are missing.
          </>
        ) : (
          <>
            <strong>{site}</strong> is not recorded. CORS Lens records development hosts (localhost, *.test,
            private addresses), the sites you turn on, and tabs whose CORS panel is open.
          </>
        )}
      </p>
      {scope.host !== undefined && (
        <button type="button" data-testid="record-and-reload" onClick={onRecord}>
          Record and reload
        </button>
      )}
    </section>
  );
}
