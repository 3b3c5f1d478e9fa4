/** What the page listeners need of the browser: nothing in Node, where they are never armed. */
interface PageEvents {
  addEventListener(type: 'pagehide' | 'pageshow', listener: (event: { persisted?: boolean }) => void): void;
  removeEventListener(type: 'pagehide' | 'pageshow', listener: (event: { persisted?: boolean }) => void): void;
}

export interface PageListeners {
  /**
   * The page is going away (tab closed, navigation, reload, or into the
   * back/forward cache): `pagehide` is the last event a page reliably gets,
   * and unlike `visibilitychange` it does not fire when the operator merely
   * switches tabs in the middle of a call.
   */
  hidden(): void;
  /** The page came back from the back/forward cache (`pageshow` with `persisted`): its scripts never reloaded. */
  restoredFromCache(): void;
}

/**
 * Arms the page listeners; returns the function that removes them. In Node,
 * or anywhere without a `document`, does nothing.
 */
export function onPageEvents(listeners: PageListeners): () => void {
  const g = globalThis as unknown as Partial<PageEvents> & { document?: unknown };
  if (typeof g.document === 'undefined' || typeof g.addEventListener !== 'function' || typeof g.removeEventListener !== 'function') {
    return () => {};
  }
  const hide = () => listeners.hidden();
  const show = (event: { persisted?: boolean }) => {
    if (event?.persisted === true) listeners.restoredFromCache();
  };
  g.addEventListener('pagehide', hide);
  g.addEventListener('pageshow', show);
  return () => {
    g.removeEventListener?.('pagehide', hide);
    g.removeEventListener?.('pageshow', show);
  };
}
