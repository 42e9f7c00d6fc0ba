import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface PreserveLogProps {
  /** The worker's current setting. */
  readonly load: () => Promise<boolean>;
  /** Saves the setting in the worker; resolves with what it now holds. */
  readonly save: (preserve: boolean) => Promise<boolean>;
}

/**
 * The panel's own "Preserve log" checkbox (the worker's `preserveLog` setting, shared with the
 * options page): while checked, a navigation of the tab keeps its log.
 */
export function PreserveLog({ load, save }: PreserveLogProps): JSX.Element {
  const [checked, setChecked] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setChecked(value),
      () => live && setChecked(false),
    );
    return () => {
      live = false;
    };
  }, [load]);
  const onChange = (wanted: boolean) => {
    setChecked(wanted);
    save(wanted).then(setChecked, () => setChecked(!wanted));
  };
  return (
    <label title="Keep the log when the page navigates">
      <input
        type="checkbox"
        checked={checked === true}
        disabled={checked === null}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      Preserve log
    </label>
  );
}
