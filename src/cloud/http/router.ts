import type { z } from 'zod';
import type { ErrorCode } from '../../api';
import type { Principal, Reply } from './context';

/** What a route handler sees of the request: already authenticated, routed and parsed. */
export interface RouteRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body; undefined when there was none. */
  readonly body: unknown;
  readonly principal: Principal | undefined;
  readonly requestId: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  readonly method: HttpMethod;
  /** Literal segments and `:name` parameters, e.g. `/v1/ssh-keys/:id`. */
  readonly path: string;
  /** The API key permission the route needs (`ssh_keys:write`); absent for routes any valid key may use. */
  readonly permission?: string;
  /**
   * What the route takes and answers, as zod schemas from src/api. The OpenAPI document (`GET
   * /v1/openapi.json`) is generated from these, and table-driven tests walk them, so the reference cannot
   * drift from the code.
   */
  readonly describe: RouteDescription;
  readonly handler: (request: RouteRequest) => Reply | Promise<Reply>;
}

export interface RouteDescription {
  /** One line for the reference, e.g. "Register an SSH public key". */
  readonly summary: string;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The success status: 200, 201, 202 or 204. */
  readonly status: number;
  /** The success body; absent for 204. */
  readonly response?: z.ZodType;
  /**
   * Error codes the handler itself raises beyond those the pipeline gives every route of its shape (see
   * src/cloud/openapi/error-responses.ts): e.g. `conflict` for a duplicate, `resource_in_use`.
   */
  readonly errors?: readonly ErrorCode[];
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  /** The path exists but not for this method. */
  | { readonly kind: 'method_not_served'; readonly allowedMethods: HttpMethod[] }
  | { readonly kind: 'none' };

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

/** Matches a method and path to a route. Paths are exact: no trailing-slash or case folding. */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({ route, segments: route.path.split('/') }));
  }

  match(method: string, pathname: string): RouteMatch {
    const segments = pathname.split('/');
    const allowedMethods: HttpMethod[] = [];
    for (const { route, segments: pattern } of this.compiled) {
      const params = matchSegments(pattern, segments);
      if (params === undefined) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allowedMethods.push(route.method);
    }
    return allowedMethods.length > 0 ? { kind: 'method_not_served', allowedMethods } : { kind: 'none' };
  }
}

function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] as string;
    const actual = segments[i] as string;
    if (expected.startsWith(':')) {
      if (actual === '') return undefined;
      let decoded: string;
      try {
        decoded = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
      params[expected.slice(1)] = decoded;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
