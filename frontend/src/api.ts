// Calling our own API (/api/v1/…) from the page: same-origin only, the session cookie sent, Django's
// CSRF token in X-CSRFToken on every unsafe method, the interface language in Accept-Language. Errors
// become ApiError with the server's `detail` and `field` (already in the user's language).
import { getLocale } from "./i18n";

export const API = {
  me: "/api/v1/auth/me",
  login: "/api/v1/auth/login",
  logout: "/api/v1/auth/logout",
  signup: "/api/v1/auth/signup",
  appeals: "/api/v1/appeals",
  mine: "/api/v1/appeals/mine",
  appeal: (id: number | string) => `/api/v1/appeals/${id}`,
  appealAction: (id: number | string, action: "support" | "confirm" | "reopen" | "rate") =>
    `/api/v1/appeals/${id}/${action}`,
  nearby: "/api/v1/appeals/nearby",
  categories: "/api/v1/categories",
  areas: "/api/v1/areas",
  search: "/api/v1/search",
  subscriptions: "/api/v1/subscriptions",
  tensionHexes: "/api/v1/tension/hexes",
} as const;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly field: string | null,
    readonly body: unknown,
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

/** The first readable message of an error body: `{"detail", "field"}` or DRF's `{"name": ["…"]}`. */
export function errorText(body: unknown): { detail: string; field: string | null } | null {
  if (!body || typeof body !== "object") return null;
  const record = body as Record<string, unknown>;
  if (typeof record.detail === "string") {
    return { detail: record.detail, field: typeof record.field === "string" ? record.field : null };
  }
  for (const [name, value] of Object.entries(record)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") return { detail: first, field: name };
    const inner = errorText(first);
    if (inner) return { detail: inner.detail, field: inner.field ?? name };
  }
  return null;
}

function cookie(name: string): string | null {
  const prefix = `${name}=`;
  const found = document.cookie.split("; ").find((part) => part.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : null;
}

let csrfReady: Promise<void> | null = null;

/** Makes sure the `csrftoken` cookie is set: GET /api/v1/auth/me sets it (ensure_csrf_cookie). */
async function ensureCsrf(): Promise<string> {
  if (!cookie("csrftoken")) {
    csrfReady ??= fetch(API.me, { credentials: "same-origin" }).then(() => undefined);
    await csrfReady;
  }
  return cookie("csrftoken") ?? "";
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  form?: FormData;
  query?: Record<string, string | number | null | undefined>;
  signal?: AbortSignal;
}

/** A URL of this server with the query set (empty and null values left out). */
export function url(path: string, query?: RequestOptions["query"]): string {
  const result = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined && value !== "") result.searchParams.set(key, String(value));
  }
  return result.origin === window.location.origin ? result.pathname + result.search : result.href;
}

/**
 * One request to our API; resolves to the parsed JSON (null for 204). Throws ApiError for an HTTP error
 * and TypeError when the network fails. Refuses any other origin: the page talks to its server only.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const target = new URL(url(path, options.query), window.location.origin);
  if (target.origin !== window.location.origin) throw new Error(`refused: ${target.origin} is not this server`);
  const method = options.method ?? (options.json !== undefined || options.form ? "POST" : "GET");
  const headers: Record<string, string> = {
    Accept: "application/json, application/geo+json",
    "Accept-Language": getLocale(),
  };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  if (method !== "GET") headers["X-CSRFToken"] = await ensureCsrf();
  const response = await fetch(target.href, {
    method,
    headers,
    body,
    credentials: "same-origin",
    signal: options.signal,
  });
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const message = errorText(parsed);
    throw new ApiError(response.status, message?.detail ?? response.statusText, message?.field ?? null, parsed);
  }
  return parsed as T;
}
