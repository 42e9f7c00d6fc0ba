import type { JSX } from 'preact';
import { profileDecisions } from '../evaluator/by-profile';
import type { Evaluation } from '../evaluator/types';
import { describeProfiles, profileHeading, reasonLabel } from '../explain';
import { VERDICT_ICON } from './RequestTable';

/** Every browser profile's verdict and reason side by side, and the sentence when they differ. */
export function ProfileVerdicts({ evaluation }: { evaluation: Evaluation }): JSX.Element {
  const decisions = profileDecisions(evaluation);
  const difference = describeProfiles(evaluation);
  return (
    <section class="profiles" data-testid="profiles" aria-label="Verdict in each browser">
      <h2>In each browser</h2>
      {difference !== null && (
        <p class="profiles-differ" data-testid="profiles-differ">
          {difference}
        </p>
      )}
      <table class="profile-table">
        <tbody>
          {decisions.map((d) => (
            <tr key={d.profile} data-profile={d.profile} data-verdict={d.verdict}>
              <th scope="row">
                {profileHeading(d.profile)}
                {d.profile === evaluation.profile && <span class="badge">replayed</span>}
              </th>
              <td class={`verdict-${d.verdict}`}>
                {VERDICT_ICON[d.verdict]} {d.verdict}
              </td>
              <td>{d.verdict === 'allowed' ? '' : reasonLabel(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
