/**
 * Route matching on `:param` templates. Among the templates that match a path, the one with the most literal
 * segments wins (`/crm/v8/settings/fields` beats `/crm/v8/:module/:id`) among those declared for the method.
 */
import type { HttpMethod, ProductModule, Route } from './types.js';

interface CompiledRoute {
  route: Route;
  segments: readonly string[];
  literals: number;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export interface ProductRouter {
  module: ProductModule;
  /** The matching route for this method, or undefined (unknown path or method mismatch). */
  match(method: string, path: string): RouteMatch | undefined;
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

export function compileProduct(module: ProductModule): ProductRouter {
  const compiled: CompiledRoute[] = module.routes.map((route) => {
    const segments = split(route.path);
    return { route, segments, literals: segments.filter((s) => !s.startsWith(':')).length };
  });
  // Most literal segments first; stable for equal counts (declaration order).
  compiled.sort((a, b) => b.literals - a.literals);
  return {
    module,
    match(method, path) {
      const parts = split(path);
      for (const candidate of compiled) {
        if (candidate.route.method !== method || candidate.segments.length !== parts.length) continue;
        const params = matchSegments(candidate.segments, parts);
        if (params !== undefined) return { route: candidate.route, params };
      }
      return undefined;
    },
  };
}

function matchSegments(template: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const p = parts[i] as string;
    if (t.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(p);
      } catch {
        return undefined;
      }
      params[t.slice(1)] = value;
    } else if (t !== p) {
      return undefined;
    }
  }
  return params;
}

/** The product whose prefix starts this path (`/crm/v8` serves `/crm/v8/...`). */
export function productFor(routers: readonly ProductRouter[], path: string): ProductRouter | undefined {
  return routers.find((r) => path === r.module.prefix || path.startsWith(`${r.module.prefix}/`));
}

export function isHttpMethod(method: string | undefined): method is HttpMethod {
  return method === 'GET' || method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
}
