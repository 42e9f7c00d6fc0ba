import type { JSX } from 'preact';
import { profileDecisions } from '../evaluator/by-profile';
import type { Evaluation } from '../evaluator/types';
import { browsersLine, describeProfiles, profileHeading, reasonLabel } from '../explain';
import { VERDICT_ICON } from './RequestTable';

/**
 * Every browser profile's verdict. When the browsers agree it is one line (the table folded
 * under it); when they differ, the sentence that says how and the table open.
 */
export function ProfileVerdicts({ evaluation }: { evaluation: Evaluation }): JSX.Element {
  const line = browsersLine(evaluation);
  const table = <ProfileTable evaluation={evaluation} />;
  if (line !== null) {
    return (
      <section class="profiles" data-testid="profiles" aria-label="Verdict in each browser">
        <details class="profiles-same">
          <summary data-testid="profiles-line">{line}</summary>
          {table}
        </details>
      </section>
    );
  }
  return (
    <section class="profiles" data-testid="profiles" aria-label="Verdict in each browser">
      <h2>In each browser</h2>
      <p class="profiles-differ" data-testid="profiles-differ">
        {describeProfiles(evaluation) ?? 'The browsers agree on the verdict, not on the reason.'}
      </p>
      {table}
    </section>
  );
}

function ProfileTable({ evaluation }: { evaluation: Evaluation }): JSX.Element {
  return (
    <table class="profile-table">
      <tbody>
        {profileDecisions(evaluation).map((d) => (
          <tr key={d.profile} data-profile={d.profile} data-verdict={d.verdict}>
            <th scope="row">{profileHeading(d.profile)}</th>
            <td class={`verdict-${d.verdict}`}>
              {VERDICT_ICON[d.verdict]} {d.verdict}
            </td>
            <td>{d.verdict === 'allowed' ? '' : reasonLabel(d)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
