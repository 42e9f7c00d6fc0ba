import { useEffect, useState } from 'preact/hooks';
import type { PanelState, Store } from './store';

/** Re-renders the component whenever the store changes; returns the current state. */
export function useStore(store: Store): PanelState {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setVersion((n) => n + 1));
    // A change between the first render and this effect (the worker's snapshot often lands
    // there) had no subscriber yet: render once more so it is not lost.
    setVersion((n) => n + 1);
    return unsubscribe;
  }, [store]);
  return store.getState();
}
