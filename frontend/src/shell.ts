// The page around the map: the header (title, address search, the panels' buttons, the ru/en switch),
// the side panel (a bottom sheet on narrow screens), the loading bar and the message toasts.
import { ApiError } from "./api";
import { h } from "./dom";
import { getLocale, LOCALES, type Locale, onLocaleChange, setLocale, t } from "./i18n";
import { closePanel, navigate } from "./panels";

const TOAST_MS = 8000;

export class Shell {
  readonly header: HTMLElement;
  /** Where the address search puts its box (resident/search.ts). */
  readonly searchSlot: HTMLElement;
  private readonly brand: HTMLElement;
  private readonly nav: HTMLElement;
  private readonly language: HTMLSelectElement;
  private readonly languageLabel: HTMLLabelElement;
  private readonly panel: HTMLElement;
  private readonly panelTitle: HTMLHeadingElement;
  private readonly panelBody: HTMLElement;
  private readonly panelClose: HTMLButtonElement;
  private readonly toasts: HTMLElement;
  private readonly loading: HTMLElement;
  private pending = 0;
  private returnFocus: HTMLElement | null = null;
  private menuItems: { id: string; title: string; active: boolean }[] = [];

  constructor(doc: Document) {
    this.header = required(doc, "gp-header");
    this.panel = required(doc, "gp-panel");
    this.toasts = required(doc, "gp-toasts");
    this.loading = required(doc, "gp-loading");

    this.brand = h("a", { class: "gp-brand", href: "#" });
    this.searchSlot = h("div", { class: "gp-search-slot" });
    this.nav = h("nav", { class: "gp-nav" });
    this.language = h("select", { id: "gp-language", class: "gp-language" });
    for (const locale of LOCALES) this.language.append(h("option", { value: locale }, locale.toUpperCase()));
    this.language.addEventListener("change", () => setLocale(this.language.value as Locale));
    this.languageLabel = h("label", { for: "gp-language", class: "gp-visually-hidden" });
    this.header.replaceChildren(
      h("div", { class: "gp-header-row" }, this.brand, this.searchSlot, this.languageLabel, this.language),
      this.nav,
    );
    this.brand.addEventListener("click", (event) => {
      event.preventDefault();
      closePanel();
    });

    this.panelTitle = h("h2", { id: "gp-panel-title", tabindex: "-1" });
    this.panelClose = h("button", { type: "button", class: "gp-icon-button", onclick: () => closePanel() }, "✕");
    this.panelBody = h("div", { class: "gp-panel-body" });
    this.panel.setAttribute("aria-labelledby", this.panelTitle.id);
    this.panel.replaceChildren(h("div", { class: "gp-panel-head" }, this.panelTitle, this.panelClose), this.panelBody);
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") closePanel();
    });

    this.translate();
    onLocaleChange(() => this.translate());
  }

  private translate(): void {
    this.brand.replaceChildren(
      h("span", { class: "gp-brand-title" }, t("app.title")),
      h("span", { class: "gp-brand-subtitle" }, t("app.subtitle")),
    );
    this.language.value = getLocale();
    this.language.title = t("app.language");
    this.languageLabel.textContent = t("app.language");
    this.nav.setAttribute("aria-label", t("app.menu"));
    this.panelClose.setAttribute("aria-label", t("app.close"));
    this.panelClose.title = t("app.close");
    this.loading.textContent = t("app.loading");
    this.setMenu(this.menuItems);
  }

  /** The header's panel buttons (called by the router). */
  setMenu(items: { id: string; title: string; active: boolean }[]): void {
    const same =
      this.nav.childElementCount === items.length &&
      items.every((item, i) => {
        const node = this.nav.children[i] as HTMLElement;
        return node.dataset.panel === item.id && node.textContent === item.title;
      });
    this.menuItems = items;
    if (same) {
      // Update in place: the focused button stays the same element (focus returns to it on close).
      items.forEach((item, i) => {
        const node = this.nav.children[i];
        if (item.active) node.setAttribute("aria-current", "page");
        else node.removeAttribute("aria-current");
      });
      return;
    }
    this.nav.replaceChildren(
      ...items.map((item) =>
        h(
          "a",
          {
            href: `#/${item.id}`,
            class: "gp-nav-item",
            "data-panel": item.id,
            "aria-current": item.active ? "page" : null,
            onclick: (event: Event) => {
              event.preventDefault();
              navigate(item.id);
            },
          },
          item.title,
        ),
      ),
    );
  }

  /** Opens the side panel with `title` and `body`; moves the focus to the heading when `focus`. */
  show(title: string, body: HTMLElement, focus: boolean): void {
    if (this.panel.hidden) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement && active !== document.body ? active : null;
    }
    this.panelTitle.textContent = title;
    this.panelBody.replaceChildren(body);
    this.panel.hidden = false;
    document.body.classList.add("gp-panel-open");
    if (focus) this.panelTitle.focus();
  }

  hide(): void {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    this.panelBody.replaceChildren();
    document.body.classList.remove("gp-panel-open");
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
    this.returnFocus = null;
  }

  /** Shows the loading bar until `work` settles (counted, so overlapping work keeps it up). */
  busy<T>(work: Promise<T>): Promise<T> {
    this.setPending(+1);
    return work.finally(() => this.setPending(-1));
  }

  setPending(delta: number): void {
    this.pending = Math.max(0, this.pending + delta);
    this.loading.hidden = this.pending === 0;
  }

  /** The user-facing text of an error: the API's own reason, a network message, or the generic one. */
  message(error: unknown): string {
    if (error instanceof ApiError) return t("app.error", { detail: error.detail });
    if (error instanceof TypeError) return t("app.networkError");
    return t("app.loadError");
  }

  /** An error toast (role=alert). The details go to the console as a warning, never as an error. */
  error(error: unknown): void {
    if (!(error instanceof ApiError)) console.warn(error);
    this.toast(this.message(error), "error");
  }

  notice(text: string): void {
    this.toast(text, "notice");
  }

  private toast(text: string, kind: "error" | "notice"): void {
    const close = h("button", { type: "button", class: "gp-icon-button", "aria-label": t("app.dismiss") }, "✕");
    const node = h(
      "div",
      { class: `gp-toast gp-toast-${kind}`, role: kind === "error" ? "alert" : "status" },
      h("span", {}, text),
      close,
    );
    close.addEventListener("click", () => node.remove());
    this.toasts.append(node);
    window.setTimeout(() => node.remove(), TOAST_MS);
  }
}

function required(doc: Document, id: string): HTMLElement {
  const node = doc.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node;
}
