/**
 * Nothing in the Dojo may silently need the network. Links to outside pages (in lessons, help
 * text, the README) are the one thing that does; offline, following one would land on the
 * browser's error page, so the click is stopped and the header says why instead.
 */

/** The notice for a click on `href` while offline, or null when the link works (same origin, online, not http). */
export function offlineLinkNotice(href: string, pageOrigin: string, online: boolean): string | null {
  if (online) return null;
  let url: URL;
  try {
    url = new URL(href, pageOrigin);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === pageOrigin) return null;
  return `Offline: ${url.host} needs the network. The link works again when you are back online.`;
}

/** Stops clicks on outside links while offline and reports them through `notify`. */
export function guardExternalLinks(notify: (notice: string) => void): void {
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(target instanceof HTMLAnchorElement)) return;
      const notice = offlineLinkNotice(target.href, location.origin, navigator.onLine);
      if (!notice) return;
      event.preventDefault();
      notify(notice);
    },
    true,
  );
}
