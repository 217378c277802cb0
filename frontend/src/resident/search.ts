// Address search in the header (GET /api/v1/search): a combobox — type, pick with the arrows and Enter
// (or a click), and the map goes there with a pin.
import { Marker } from "maplibre-gl";

import { API, api } from "../api";
import type { App } from "../app";
import { h } from "../dom";
import { onLocaleChange, t } from "../i18n";

const DEBOUNCE_MS = 250;
const MIN_CHARS = 2;
const PLACE_ZOOM = 17;

interface SearchResult {
  kind: string;
  label: string;
  lon: number | null;
  lat: number | null;
  bbox: [number, number, number, number] | null;
}

export function installSearch(app: App): void {
  const input = h("input", {
    id: "gp-search",
    type: "search",
    role: "combobox",
    autocomplete: "off",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": "gp-search-results",
  });
  const label = h("label", { for: "gp-search", class: "gp-visually-hidden" });
  const listbox = h("ul", { id: "gp-search-results", role: "listbox", class: "gp-search-results", hidden: true });
  app.shell.searchSlot.replaceChildren(label, input, listbox);
  const translate = () => {
    label.textContent = t("search.label");
    input.placeholder = t("search.placeholder");
  };
  translate();
  onLocaleChange(translate);

  let results: SearchResult[] = [];
  let active = -1;
  let timer: number | undefined;
  let abort: AbortController | null = null;
  let pin: Marker | null = null;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    [...listbox.children].forEach((node, i) => node.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) input.setAttribute("aria-activedescendant", `gp-search-${index}`);
  };
  const choose = (result: SearchResult) => {
    close();
    input.value = result.label;
    if (result.bbox && (result.bbox[0] !== result.bbox[2] || result.bbox[1] !== result.bbox[3])) {
      app.map.fitBounds(result.bbox, { padding: 40, maxZoom: PLACE_ZOOM });
    } else if (result.lon !== null && result.lat !== null) {
      app.map.flyTo({ center: [result.lon, result.lat], zoom: PLACE_ZOOM });
    }
    if (result.lon !== null && result.lat !== null) {
      pin?.remove();
      if (app.pickLocation) {
        app.pickLocation(result.lon, result.lat); // the report form is open: its pin goes there
      } else {
        pin = new Marker({ color: "#2c3e50" }).setLngLat([result.lon, result.lat]).addTo(app.map);
      }
    }
  };
  const show = () => {
    const usable = results.filter((r) => r.lon !== null || r.bbox);
    listbox.replaceChildren(
      ...(usable.length
        ? usable.map((result, index) => {
            const option = h(
              "li",
              { id: `gp-search-${index}`, role: "option", "aria-selected": "false", class: "gp-search-option" },
              result.label,
              h("small", {}, ` · ${t(`search.kind.${result.kind}`)}`),
            );
            option.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
            option.addEventListener("click", () => choose(result));
            return option;
          })
        : [h("li", { class: "gp-muted", role: "option", "aria-disabled": "true" }, t("search.none"))]),
    );
    results = usable;
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(-1);
  };
  const search = () => {
    abort?.abort();
    const q = input.value.trim();
    if (q.length < MIN_CHARS) {
      close();
      return;
    }
    abort = new AbortController();
    api<{ results: SearchResult[] }>(API.search, { query: { q, limit: 8 }, signal: abort.signal })
      .then((answer) => {
        results = answer.results;
        show();
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) app.shell.error(error);
      });
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && results.length) {
      event.preventDefault();
      highlight((active + 1) % results.length);
    } else if (event.key === "ArrowUp" && results.length) {
      event.preventDefault();
      highlight(active <= 0 ? results.length - 1 : active - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const result = results[Math.max(active, 0)];
      if (result && !listbox.hidden) choose(result);
      else search();
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => window.setTimeout(close, 150));
}
