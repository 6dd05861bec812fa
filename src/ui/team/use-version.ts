/** A counter that moves whenever a store changes: re-renders views that read the store through methods (the lesson runtime). */
import { useRef, useSyncExternalStore } from 'react';

export function useStoreVersion(store: { subscribe(listener: () => void): () => void } | undefined): number {
  const n = useRef(0);
  return useSyncExternalStore(
    (cb) =>
      store?.subscribe(() => {
        n.current++;
        cb();
      }) ?? (() => undefined),
    () => n.current,
    () => n.current,
  );
}
