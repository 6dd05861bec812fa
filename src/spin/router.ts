/**
 * Spin's HTTP route matching (Spin v3.0.0 crates/trigger-http): exact routes (with `:name`
 * segments) beat wildcards, among wildcards the longest prefix wins, and among duplicates the last
 * declaration wins. Also the route display used by `spin up`'s "Available Routes:".
 */
import type { HttpTrigger } from './schema';

interface CompiledRoute {
  trigger: HttpTrigger;
  /** Segments before any trailing wildcard, e.g. ["hello"] for "/hello/..." . */
  segments: string[];
  wildcard: boolean;
  order: number;
}

export interface RouteMatch {
  trigger: HttpTrigger;
  /** The route as declared, e.g. "/hello/..." (X_MATCHED_ROUTE, X_RAW_COMPONENT_ROUTE). */
  rawRoute: string;
  /** The prefix the route fixes, e.g. "/hello"; "" for "/..." (SCRIPT_NAME, X_COMPONENT_ROUTE). */
  base: string;
  /** The rest of the path after the prefix, e.g. "/abc/def" (PATH_INFO). */
  pathInfo: string;
  /** Values of `:name` segments. */
  params: Record<string, string>;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export function compileRoute(trigger: HttpTrigger, order: number): CompiledRoute {
  const segments = splitPath(trigger.route);
  const last = segments[segments.length - 1];
  const wildcard = last === '...' || last === '*';
  return { trigger, segments: wildcard ? segments.slice(0, -1) : segments, wildcard, order };
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(triggers: readonly HttpTrigger[]) {
    this.routes = triggers.filter((t) => !t.private).map((t, i) => compileRoute(t, i));
  }

  match(path: string): RouteMatch | null {
    const request = splitPath(path.split('?')[0] ?? '');
    let best: { route: CompiledRoute; params: Record<string, string> } | null = null;
    for (const route of this.routes) {
      const params = matchSegments(route, request);
      if (!params) continue;
      if (!best || better(route, best.route)) best = { route, params };
    }
    if (!best) return null;
    const { route, params } = best;
    const baseSegments = request.slice(0, route.segments.length);
    const base = baseSegments.length ? `/${baseSegments.join('/')}` : '';
    const rawPath = path.split('?')[0] ?? '';
    const pathInfo = route.wildcard ? rawPath.slice(prefixLength(rawPath, route.segments.length)) : '';
    return { trigger: route.trigger, rawRoute: route.trigger.route, base, pathInfo, params };
  }
}

/** Character length of the first `n` segments of `path` including their slashes. */
function prefixLength(path: string, n: number): number {
  let seen = 0;
  let i = 0;
  while (seen < n && i < path.length) {
    while (path[i] === '/') i++;
    while (i < path.length && path[i] !== '/') i++;
    seen++;
  }
  return i;
}

function matchSegments(route: CompiledRoute, request: string[]): Record<string, string> | null {
  if (route.wildcard ? request.length < route.segments.length : request.length !== route.segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const pattern = route.segments[i] ?? '';
    const actual = request[i] ?? '';
    if (pattern.startsWith(':')) params[pattern.slice(1)] = decodeURIComponent(actual);
    else if (pattern !== actual) return null;
  }
  return params;
}

/** Exact beats wildcard; longer fixed prefix beats shorter; later declaration beats earlier. */
function better(a: CompiledRoute, b: CompiledRoute): boolean {
  if (a.wildcard !== b.wildcard) return !a.wildcard;
  if (a.segments.length !== b.segments.length) return a.segments.length > b.segments.length;
  return a.order > b.order;
}

/** How `spin up` lists a route: wildcards lose their "/..." and gain " (wildcard)". */
export function describeRoute(baseUrl: string, route: string): string {
  const segments = splitPath(route);
  const last = segments[segments.length - 1];
  if (last === '...' || last === '*') {
    const prefix = segments.slice(0, -1).join('/');
    return `${baseUrl}${prefix ? `/${prefix}` : ''} (wildcard)`;
  }
  return `${baseUrl}${route === '/' ? '' : route}`;
}
