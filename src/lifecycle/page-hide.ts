/** What a page-hide listener needs of the browser: nothing in Node, where this is never armed. */
interface PageEvents {
  addEventListener(type: 'pagehide', listener: () => void): void;
  removeEventListener(type: 'pagehide', listener: () => void): void;
}

/**
 * Calls `listener` when the page is going away (tab closed, navigation,
 * reload): `pagehide` is the last event a page reliably gets, and unlike
 * `visibilitychange` it does not fire when the operator merely switches tabs
 * in the middle of a call. Returns the function that removes it; in Node, or
 * anywhere without a `document`, does nothing.
 */
export function onPageHide(listener: () => void): () => void {
  const g = globalThis as unknown as Partial<PageEvents> & { document?: unknown };
  if (typeof g.document === 'undefined' || typeof g.addEventListener !== 'function' || typeof g.removeEventListener !== 'function') {
    return () => {};
  }
  g.addEventListener('pagehide', listener);
  return () => g.removeEventListener?.('pagehide', listener);
}
