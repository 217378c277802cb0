// "Report a problem here": place (a draggable pin), category with icons, text, photos with previews,
// optional contact, duplicate suggestions with "me too" on each, then one multipart POST /api/v1/appeals.
// The draft survives a language switch and closing the panel, until it is sent.
import { Marker } from "maplibre-gl";

import { API, ApiError, api } from "../api";
import type { App, Category } from "../app";
import { field, h, uid } from "../dom";
import { localName, t } from "../i18n";
import { navigate, type PanelSpec, type Route } from "../panels";
import type { AppealFeature } from "./appeal";
import { iconOf } from "./icons";
import { nearbyList } from "./nearby";
import { refreshMine } from "./mine-layer";
import { rememberAppeal } from "./store";

const MAX_PHOTOS = 5;
const NEARBY_DEBOUNCE_MS = 300;
const REPORT_ZOOM = 16;

interface Draft {
  kind: "issue" | "proposal";
  lon: number;
  lat: number;
  category: string;
  text: string;
  photos: File[];
  name: string;
  email: string;
  phone: string;
  publicName: string;
}

let draft: Draft | null = null;

function freshDraft(kind: Draft["kind"], lon: number, lat: number): Draft {
  return { kind, lon, lat, category: "", text: "", photos: [], name: "", email: "", phone: "", publicName: "" };
}

/** The draft for this route: a place in the link moves it; another kind starts the category over. */
function draftFor(app: App, route: Route): Draft {
  const lon = Number(route.query.get("lon"));
  const lat = Number(route.query.get("lat"));
  const kind = route.query.get("kind") === "proposal" ? "proposal" : "issue";
  const hasPlace = route.query.has("lon") && Number.isFinite(lon) && Number.isFinite(lat);
  if (!draft) {
    const centre = app.map.getCenter();
    draft = freshDraft(kind, hasPlace ? lon : centre.lng, hasPlace ? lat : centre.lat);
  } else if (hasPlace) {
    draft.lon = lon;
    draft.lat = lat;
  }
  if (draft.kind !== kind && route.query.has("kind")) {
    draft.kind = kind;
    draft.category = "";
  }
  return draft;
}

function categoryPicker(categories: Category[], state: Draft, onChange: () => void): HTMLElement {
  const ofKind = categories.filter((c) => c.kind === state.kind);
  const parents = new Set(ofKind.map((c) => c.parent).filter((p): p is number => p !== null));
  const groups = new Map<number | null, Category[]>();
  for (const category of ofKind) {
    if (parents.has(category.id)) continue; // a parent with sub-categories is a heading, not a choice
    const group = category.parent ?? null;
    groups.set(group, [...(groups.get(group) ?? []), category]);
  }
  const byId = new Map(ofKind.map((c) => [c.id, c]));
  const name = uid("category");
  const fieldset = h("fieldset", { class: "gp-categories" }, h("legend", {}, t("report.category")));
  for (const [parent, members] of groups) {
    const heading = parent !== null ? byId.get(parent) : undefined;
    const list = h("div", { class: "gp-category-grid", role: "presentation" });
    for (const category of members) {
      const input = h("input", {
        type: "radio",
        name,
        value: category.code,
        required: true,
        checked: state.category === category.code,
      });
      input.addEventListener("change", () => {
        state.category = category.code;
        onChange();
      });
      list.append(
        h(
          "label",
          { class: "gp-category", "data-category": category.code },
          input,
          h("span", { class: "gp-category-icon", "aria-hidden": "true" }, iconOf(category.icon)),
          h("span", {}, localName(category)),
        ),
      );
    }
    fieldset.append(heading ? h("h4", { class: "gp-category-group" }, localName(heading)) : "", list);
  }
  return fieldset;
}

function photoPicker(state: Draft, app: App): { node: HTMLElement; dispose: () => void } {
  const urls: string[] = [];
  const previews = h("ul", { class: "gp-previews" });
  const input = h("input", { type: "file", accept: "image/jpeg,image/png,image/webp", multiple: true, name: "photos" });
  const draw = () => {
    for (const url of urls.splice(0)) URL.revokeObjectURL(url);
    previews.replaceChildren(
      ...state.photos.map((file, index) => {
        const url = URL.createObjectURL(file);
        urls.push(url);
        const remove = h(
          "button",
          { type: "button", class: "gp-icon-button", "aria-label": t("report.removePhoto", { name: file.name }) },
          "✕",
        );
        remove.addEventListener("click", () => {
          state.photos.splice(index, 1);
          draw();
        });
        return h("li", { class: "gp-preview" }, h("img", { src: url, alt: file.name }), remove);
      }),
    );
  };
  input.addEventListener("change", () => {
    const files = [...(input.files ?? [])];
    if (state.photos.length + files.length > MAX_PHOTOS) app.shell.notice(t("report.tooManyPhotos"));
    state.photos.push(...files.slice(0, MAX_PHOTOS - state.photos.length));
    input.value = "";
    draw();
  });
  draw();
  return {
    node: h("div", {}, field(t("report.photos"), input), previews),
    dispose: () => urls.forEach((url) => URL.revokeObjectURL(url)),
  };
}

function textInput(
  tag: "input" | "textarea",
  value: string,
  onInput: (value: string) => void,
  attrs: Record<string, string | number | boolean> = {},
): HTMLInputElement | HTMLTextAreaElement {
  const control = h(tag, attrs) as HTMLInputElement | HTMLTextAreaElement;
  control.value = value;
  control.addEventListener("input", () => onInput(control.value));
  return control;
}

function featureOf(state: Draft): object {
  const contact = { name: state.name.trim(), email: state.email.trim(), phone: state.phone.trim() };
  const hasContact = Object.values(contact).some(Boolean);
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates: [Number(state.lon.toFixed(6)), Number(state.lat.toFixed(6))] },
    properties: {
      kind: state.kind,
      category: state.category,
      text: state.text.trim(),
      ...(hasContact ? { contact } : {}),
      ...(state.publicName.trim() ? { author_public_name: state.publicName.trim() } : {}),
    },
  };
}

async function render(app: App, route: Route) {
  const state = draftFor(app, route);
  const categories = await app.categories();

  const marker = new Marker({ draggable: true, color: "#c0392b" }).setLngLat([state.lon, state.lat]).addTo(app.map);
  const place = h("p", { class: "gp-muted gp-place" });
  const duplicates = h("section", { class: "gp-duplicates", "aria-live": "polite" });
  let nearbyTimer: number | undefined;
  let nearbyAbort: AbortController | null = null;

  const showPlace = () => {
    place.textContent = `${state.lat.toFixed(5)}, ${state.lon.toFixed(5)}`;
  };
  const refreshNearby = () => {
    window.clearTimeout(nearbyTimer);
    nearbyAbort?.abort();
    if (!state.category) {
      duplicates.replaceChildren();
      return;
    }
    nearbyTimer = window.setTimeout(() => {
      nearbyAbort = new AbortController();
      nearbyList(app, state, nearbyAbort.signal)
        .then((node) => duplicates.replaceChildren(node))
        .catch((error: unknown) => {
          if (!(error instanceof DOMException && error.name === "AbortError")) app.shell.error(error);
        });
    }, NEARBY_DEBOUNCE_MS);
  };
  const moveTo = (lon: number, lat: number) => {
    state.lon = lon;
    state.lat = lat;
    marker.setLngLat([lon, lat]);
    showPlace();
    refreshNearby();
  };
  marker.on("dragend", () => {
    const { lng, lat } = marker.getLngLat();
    moveTo(lng, lat);
  });
  app.pickLocation = moveTo;
  app.map.easeTo({ center: [state.lon, state.lat], zoom: Math.max(app.map.getZoom(), REPORT_ZOOM) });
  showPlace();

  const kindName = uid("kind");
  const kinds = h("fieldset", { class: "gp-kinds" }, h("legend", {}, t("report.kind")));
  for (const kind of ["issue", "proposal"] as const) {
    const input = h("input", { type: "radio", name: kindName, value: kind, checked: state.kind === kind });
    input.addEventListener("change", () =>
      navigate("report", "", { lon: state.lon.toFixed(6), lat: state.lat.toFixed(6), kind }),
    );
    kinds.append(h("label", { class: "gp-choice" }, input, t(`report.kind.${kind}`)));
  }

  const photos = photoPicker(state, app);
  const status = h("div", { class: "gp-form-status", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "gp-button gp-primary" }, t("report.submit"));
  const text = textInput("textarea", state.text, (v) => (state.text = v), {
    name: "text",
    rows: 4,
    required: true,
    minlength: 10,
    maxlength: 5000,
  });
  // Without a pointer: pan the map with the arrow keys, then put the pin at its centre.
  const centreButton = h("button", { type: "button", class: "gp-link" }, t("report.useCentre"));
  centreButton.addEventListener("click", () => {
    const { lng, lat } = app.map.getCenter();
    moveTo(lng, lat);
  });
  const form = h(
    "form",
    { class: "gp-form gp-report", novalidate: true },
    kinds,
    h(
      "div",
      { class: "gp-field" },
      h("strong", {}, t("report.place")),
      place,
      h("small", { class: "gp-hint" }, t("report.placeHint")),
      centreButton,
    ),
    categoryPicker(categories, state, refreshNearby),
    duplicates,
    field(t("report.text"), text, t("report.textHint")),
    photos.node,
    h(
      "details",
      { class: "gp-contact" },
      h("summary", {}, t("report.contact")),
      field(
        t("report.name"),
        textInput("input", state.name, (v) => (state.name = v), { name: "name", autocomplete: "name" }),
      ),
      field(
        t("report.email"),
        textInput("input", state.email, (v) => (state.email = v), {
          type: "email",
          name: "email",
          autocomplete: "email",
        }),
      ),
      field(
        t("report.phone"),
        textInput("input", state.phone, (v) => (state.phone = v), { type: "tel", name: "phone", autocomplete: "tel" }),
      ),
      field(
        t("report.publicName"),
        textInput("input", state.publicName, (v) => (state.publicName = v), { name: "public_name" }),
      ),
    ),
    status,
    submit,
  );

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!state.category) {
      status.replaceChildren(h("p", { class: "gp-form-error", role: "alert" }, t("report.chooseCategory")));
      form.querySelector<HTMLInputElement>(".gp-categories input")?.focus();
      return;
    }
    const body = new FormData();
    body.append("feature", JSON.stringify(featureOf(state)));
    for (const photo of state.photos) body.append("photos", photo, photo.name);
    submit.disabled = true;
    status.replaceChildren(h("p", { class: "gp-muted" }, t("report.sending")));
    app.shell
      .busy(api<AppealFeature>(API.appeals, { form: body }))
      .then((feature) => {
        rememberAppeal(feature, app.me.authenticated ? (app.me.id ?? null) : null);
        refreshMine(app);
        draft = null;
        const id = feature.properties.id;
        app.shell.notice(t("report.done", { id }));
        form.replaceWith(
          h(
            "div",
            { class: "gp-done", role: "status" },
            h("p", {}, t("report.done", { id })),
            h("a", { href: `#/appeal/${id}`, class: "gp-button gp-primary" }, t("report.open")),
          ),
        );
      })
      .catch((error: unknown) => {
        submit.disabled = false;
        status.replaceChildren(h("p", { class: "gp-form-error", role: "alert" }, app.shell.message(error)));
        const named =
          error instanceof ApiError && error.field
            ? form.querySelector<HTMLElement>(`[name="${error.field.split(".").pop()}"]`)
            : null;
        named?.focus();
      });
  });

  refreshNearby();
  return {
    node: form,
    dispose: () => {
      window.clearTimeout(nearbyTimer);
      nearbyAbort?.abort();
      marker.remove();
      photos.dispose();
      if (app.pickLocation === moveTo) app.pickLocation = null;
    },
  };
}

export const reportPanel: PanelSpec = {
  id: "report",
  order: 10,
  menu: () => true,
  title: (route) => (route.query.get("kind") === "proposal" ? t("report.titleProposal") : t("report.title")),
  render,
};
