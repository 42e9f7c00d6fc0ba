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
  const current = (h: typeof held): WhatIfState => (h !== null && h.id === record.id ? h.state : fresh);
  const state = current(held);
  const edited = isEdited(state);
  const shown = useMemo(() => (edited ? whatIfRecord(record, state) : record), [record, state, edited]);
  return {
    state,
    edited,
    shown,
    // Functional updates: two events before a re-render (fast typing) both apply.
    dispatch: (action) => setHeld((prev) => ({ id: record.id, state: whatIfReducer(current(prev), action) })),
    applyFix: () => setHeld((prev) => ({ id: record.id, state: applyFixEverywhere(record, current(prev)) })),
  };
}
