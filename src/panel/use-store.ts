import { useEffect, useState } from 'preact/hooks';
import type { PanelState, Store } from './store';

/** Re-renders the component whenever the store changes; returns the current state. */
export function useStore(store: Store): PanelState {
  const [, setVersion] = useState(0);
  useEffect(() => store.subscribe(() => setVersion((n) => n + 1)), [store]);
  return store.getState();
}
