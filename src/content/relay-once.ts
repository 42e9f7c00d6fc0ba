/**
 * The relay may be injected twice into one frame: by the manifest (development hosts, matched by
 * URL globs that also match a few other URLs) and by the worker's registration (the sites turned
 * on, every site). Content scripts of one extension share the frame's isolated world, so a mark
 * there tells the second injection to stay idle: every call is forwarded once.
 */
const MARK = Symbol.for('cors-lens:relay');

/** True the first time in this frame's isolated world. */
export function relayOnce(): boolean {
  if (Reflect.get(globalThis, MARK) === true) return false;
  Reflect.set(globalThis, MARK, true);
  return true;
}
