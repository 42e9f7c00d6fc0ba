import { useMemo, useState } from 'preact/hooks';
import type { CorsRecord } from '../shared/record';
import {
  applyFixEverywhere,
  isEdited,
  startWhatIf,
  type WhatIfAction,
  type WhatIfState,
  whatIfRecord,
  whatIfReducer,
} from '../whatif';

export interface WhatIf {
  readonly state: WhatIfState;
  readonly edited: boolean;
  /** The record to render: the observed one, or its re-evaluated hypothesis once edited. */
  readonly shown: CorsRecord;
  dispatch(action: WhatIfAction): void;
  applyFix(): void;
}

/** The what-if editor's state for one record; a different record starts from what it observed. */
export function useWhatIf(record: CorsRecord): WhatIf {
  const [held, setHeld] = useState<{ id: string; state: WhatIfState } | null>(null);
  const fresh = useMemo(() => startWhatIf(record), [record]);
  const state = held !== null && held.id === record.id ? held.state : fresh;
  const edited = isEdited(state);
  const shown = useMemo(() => (edited ? whatIfRecord(record, state) : record), [record, state, edited]);
  return {
    state,
    edited,
    shown,
    dispatch: (action) => setHeld({ id: record.id, state: whatIfReducer(state, action) }),
    applyFix: () => setHeld({ id: record.id, state: applyFixEverywhere(record, state) }),
  };
}
