// The panel registry and the hash router: one panel at a time in the side panel (a bottom sheet on a
// phone), addressed as `#/<panel>[/<arg>][?query]` so every panel has a link and the back button works.
// Contract for plugged-in panels (planner, operator): frontend/README.md "Adding a panel".
import type { App } from "./app";
import { h } from "./dom";
import { onLocaleChange, t } from "./i18n";

export interface Route {
  panel: string;
  /** The path segment after the panel id (an appeal id…), "" when none. */
  arg: string;
  query: URLSearchParams;
}

/** What render() may return: a node, or a node with a clean-up run when the panel closes or re-renders. */
export type PanelView = HTMLElement | { node: HTMLElement; dispose: () => void };

export interface PanelSpec {
  /** The route id: letters, digits and dashes ("report", "planner-layers"). */
  id: string;
  /** The heading, in the current language (called again after a language switch). */
  title: (route: Route) => string;
  /** Builds the body; called again after a language switch or a sign-in / sign-out. */
  render: (app: App, route: Route) => PanelView | Promise<PanelView>;
  /** When given and true, the header shows a button opening the panel (e.g. only for planners). */
  menu?: (app: App) => boolean;
  /** Order of the header buttons (lower first); 100 when not given. */
  order?: number;
}

const registry = new Map<string, PanelSpec>();

/** Adds a panel; the header's buttons and the router pick it up at once. Ids must be unique. */
export function registerPanel(spec: PanelSpec): void {
  if (!/^[a-z0-9-]+$/.test(spec.id)) throw new Error(`bad panel id: ${spec.id}`);
  if (registry.has(spec.id)) throw new Error(`panel ${spec.id} is registered twice`);
  registry.set(spec.id, spec);
  router?.refreshMenu();
}

export function panels(): PanelSpec[] {
  return [...registry.values()].sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
}

/** `#/appeal/12?x=1` → {panel: "appeal", arg: "12", query}; null for an empty hash. */
export function parseHash(hash: string): Route | null {
  const match = /^#\/([a-z0-9-]+)(?:\/([^?]*))?(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  return { panel: match[1], arg: decodeURIComponent(match[2] ?? ""), query: new URLSearchParams(match[3] ?? "") };
}

export function hashFor(panel: string, arg = "", query?: Record<string, string | number>): string {
  const search = query ? new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString() : "";
  return `#/${panel}${arg ? `/${encodeURIComponent(arg)}` : ""}${search ? `?${search}` : ""}`;
}

/** Opens a panel (adds a history entry, so "back" returns to the previous one). */
export function navigate(panel: string, arg = "", query?: Record<string, string | number>): void {
  const hash = hashFor(panel, arg, query);
  if (window.location.hash === hash) router?.render();
  else window.location.hash = hash;
}

/** Closes the panel (the map alone). */
export function closePanel(): void {
  if (window.location.hash) {
    history.pushState(null, "", window.location.pathname + window.location.search);
  }
  router?.render();
}

export function currentRoute(): Route | null {
  return parseHash(window.location.hash);
}

interface PanelHost {
  show(title: string, body: HTMLElement, focus: boolean): void;
  hide(): void;
  setMenu(items: { id: string; title: string; active: boolean }[]): void;
}

class Router {
  private dispose: (() => void) | null = null;
  private generation = 0;
  private lastPanel: string | null = null;

  constructor(
    private readonly app: App,
    private readonly host: PanelHost,
  ) {}

  refreshMenu(): void {
    const active = currentRoute()?.panel;
    this.host.setMenu(
      panels()
        .filter((spec) => spec.menu?.(this.app))
        .map((spec) => ({ id: spec.id, title: spec.title(emptyRoute(spec.id)), active: spec.id === active })),
    );
  }

  /** Shows the panel of the current hash (or none); a stale asynchronous render is dropped. */
  async render(): Promise<void> {
    const generation = ++this.generation;
    this.dispose?.();
    this.dispose = null;
    this.refreshMenu();
    const route = currentRoute();
    const spec = route ? registry.get(route.panel) : undefined;
    if (!route || !spec) {
      this.lastPanel = null;
      this.host.hide();
      return;
    }
    const focus = this.lastPanel !== route.panel + route.arg;
    this.lastPanel = route.panel + route.arg;
    this.host.show(spec.title(route), h("p", { class: "gp-muted", role: "status" }, t("app.loading")), focus);
    let view: PanelView;
    try {
      view = await spec.render(this.app, route);
    } catch (error) {
      if (generation !== this.generation) return;
      this.app.shell.error(error);
      this.host.show(spec.title(route), h("p", { class: "gp-muted" }, this.app.shell.message(error)), false);
      return;
    }
    if (generation !== this.generation) {
      if (!(view instanceof HTMLElement)) view.dispose();
      return;
    }
    const node = view instanceof HTMLElement ? view : view.node;
    this.dispose = view instanceof HTMLElement ? null : view.dispose;
    this.host.show(spec.title(route), node, false);
  }
}

function emptyRoute(panel: string): Route {
  return { panel, arg: "", query: new URLSearchParams() };
}

let router: Router | null = null;

/** Starts routing: renders the hash now, on every change, after a language switch and a sign-in. */
export function startRouter(app: App, host: PanelHost): void {
  router = new Router(app, host);
  const instance = router;
  window.addEventListener("hashchange", () => void instance.render());
  window.addEventListener("popstate", () => void instance.render());
  onLocaleChange(() => void instance.render());
  app.onMeChange(() => void instance.render());
  void instance.render();
}

/** Renders the current panel again (e.g. after the data it shows has changed). */
export function rerender(): void {
  void router?.render();
}
