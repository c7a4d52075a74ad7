// Hash routes (#/test/<id>): they work from a static file server and offline from the service
// worker's one cached index.html. The route model only: the screens it names are in screens.tsx.
import { useSyncExternalStore } from 'react';
import type { Role } from './session';

export type Route =
  | { name: 'home' }
  | { name: 'new' }
  /** `view`: 'live' (the call step by step) or 'sheet' (the whole sheet); unset: live on a phone, sheet otherwise. */
  | { name: 'test'; id: string; view?: 'live' | 'sheet' }
  | { name: 'print'; id: string }
  | { name: 'settings' }
  | { name: 'review' }
  | { name: 'plan' }
  | { name: 'report' }
  | { name: 'admin' }
  /** First start: #/setup?token=… creates the first admin (the admin helper's screen). */
  | { name: 'setup' };

export function parseHash(hash: string): Route {
  // A query after the path (#/setup?token=…) is the screen's business, not the route's.
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').split('?')[0];
  const [head, id, tail] = path.split('/').map((p) => decodeURIComponent(p));
  if (head === 'new') return { name: 'new' };
  if (head === 'test' && id) {
    if (tail === 'print') return { name: 'print', id };
    return tail === 'live' || tail === 'sheet' ? { name: 'test', id, view: tail } : { name: 'test', id };
  }
  if (head === 'settings' || head === 'review' || head === 'plan' || head === 'report' || head === 'admin' || head === 'setup') return { name: head };
  return { name: 'home' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'test':
      return `#/test/${encodeURIComponent(route.id)}${route.view ? `/${route.view}` : ''}`;
    case 'print':
      return `#/test/${encodeURIComponent(route.id)}/print`;
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
  return parseHash(hash);
}

/** Which screens a role sees in the navigation (testers: their own tests and settings only). */
export function navFor(role: Role | undefined): Route['name'][] {
  const base: Route['name'][] = ['home', 'new', 'settings'];
  if (role === 'unitHead') return [...base, 'review'];
  if (role === 'admin') return [...base, 'review', 'plan', 'report', 'admin'];
  return base;
}

/** A phone held in one hand (narrow screen): tests open on the live-call screen. */
export function isPhone(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 40rem)').matches;
}
