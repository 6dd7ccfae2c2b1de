import { matchRecordRoute, type RecordRoute } from '../features/records/record-routes';

/** The pages of the app, matched from the pathname. */
export type Route =
  | { name: 'home' }
  | { name: 'participant'; code: string }
  | { name: 'organiser'; groupId: string | null }
  | { name: 'facilitator'; workshopId: string }
  | { name: 'projection'; workshopId: string }
  | RecordRoute
  | { name: 'not-found' };

function segment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Maps a pathname to its route. Pure, so that links and tests agree with the app. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(segment);
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (first === 'j' && second && parts.length === 2) return { name: 'participant', code: second };
  if (first === 'organiser' && parts.length === 1) return { name: 'organiser', groupId: null };
  if (first === 'organiser' && second === 'groupes' && third && parts.length === 3) return { name: 'organiser', groupId: third };
  if (first === 'animer' && second && parts.length === 2) return { name: 'facilitator', workshopId: second };
  if (first === 'ecran' && second && parts.length === 2) return { name: 'projection', workshopId: second };
  const record = matchRecordRoute(parts);
  if (record) return record;
  return { name: 'not-found' };
}

/** The current page, following the History API (links inside the app do not reload the page). */
class Router {
  path = $state(location.pathname);
  /** The fragment: capability links carry their secret there (`#<secret>`). */
  hash = $state(location.hash);
  route = $derived(matchRoute(this.path));
  /** Counts in-app navigations, so that the view can move focus to the new page's heading. */
  navigations = $state(0);

  constructor() {
    window.addEventListener('popstate', () => {
      this.path = location.pathname;
      this.hash = location.hash;
      this.navigations++;
    });
    // A link pasted into the address bar of an open page only changes the fragment: no reload.
    window.addEventListener('hashchange', () => {
      this.hash = location.hash;
    });
  }

  /** Goes to `url` (same origin) without reloading; `replace` keeps the history length. */
  navigate(url: string, { replace = false }: { replace?: boolean } = {}): void {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    this.path = location.pathname;
    this.hash = location.hash;
    this.navigations++;
  }

  /** Takes the fragment out of the address (a secret that must not stay visible), without a navigation. */
  forgetHash(): void {
    history.replaceState(null, '', location.pathname + location.search);
    this.hash = '';
  }

  /** Handles clicks on in-app links (same origin, plain left click) as navigations. */
  interceptLinks(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.dataset.reload !== undefined) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin) return;
    // A link to a place in the same page (the skip link) stays with the browser.
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  }
}

export const router = new Router();
