// The appeal card (#/appeal/{id}): facts, text, photos, support, the public timeline and — for the
// resident who filed it — confirm / reopen / rate once it is answered.
import { API, ApiError, api } from "../api";
import type { App } from "../app";
import { h, uid } from "../dom";
import { formatDate, statusLabel, t } from "../i18n";
import type { PanelSpec, Route } from "../panels";
import { rerender } from "../panels";
import { type AppealDetail, type AppealFeature, HIDDEN_STATUSES, OPEN_STATUSES, statusBadge } from "./appeal";
import { refreshMine } from "./mine-layer";
import { refreshStored, storedAppeal } from "./store";
import { supportControl } from "./support";

const CARD_ZOOM = 17;

function facts(appeal: AppealDetail): HTMLElement {
  const rows: [string, Node | string | null | undefined][] = [
    [t("card.status"), statusBadge(appeal.status)],
    [t("card.created"), formatDate(appeal.created_at)],
    [t("card.due"), appeal.due_at && OPEN_STATUSES.has(appeal.status) ? formatDate(appeal.due_at) : null],
    [t("card.address"), appeal.address || null],
    [t("card.department"), appeal.department?.name],
    [t("card.author"), appeal.author_public_name || null],
    [t("card.supports"), String(appeal.supports_count ?? 0)],
    [t("card.rating"), appeal.rating ? t("card.stars", { n: appeal.rating }) : null],
  ];
  const list = h("dl", { class: "gp-facts" });
  for (const [term, value] of rows) {
    if (value) list.append(h("dt", {}, term), h("dd", {}, value));
  }
  return list;
}

function photos(appeal: AppealDetail): HTMLElement | null {
  if (!appeal.photos?.length) return null;
  return h(
    "section",
    { class: "gp-photos" },
    h("h3", {}, t("card.photos")),
    h(
      "ul",
      { class: "gp-previews" },
      ...appeal.photos.map((photo, index) =>
        h(
          "li",
          { class: "gp-preview" },
          h(
            "a",
            { href: photo.url, target: "_blank", rel: "noopener" },
            h("img", {
              src: photo.url,
              width: photo.width,
              height: photo.height,
              loading: "lazy",
              alt: t("card.photo", { n: index + 1 }),
            }),
          ),
        ),
      ),
    ),
  );
}

function timeline(appeal: AppealDetail): HTMLElement {
  const entries = appeal.timeline ?? [];
  const list = h("ol", { class: "gp-timeline" });
  for (const entry of entries) {
    const change =
      entry.to_status && entry.to_status !== entry.from_status
        ? h("span", {}, entry.from_status ? `${statusLabel(entry.from_status)} → ` : "", statusBadge(entry.to_status))
        : null;
    list.append(
      h(
        "li",
        { class: "gp-event" },
        h("time", { datetime: entry.at }, formatDate(entry.at, true)),
        change,
        entry.response
          ? h("blockquote", { class: "gp-response" }, h("strong", {}, `${t("card.response")}: `), entry.response)
          : null,
      ),
    );
  }
  return h(
    "section",
    { class: "gp-timeline-box" },
    h("h3", {}, t("card.timeline")),
    entries.length ? list : h("p", { class: "gp-muted" }, t("card.timelineEmpty")),
  );
}

/** Confirm / reopen / rate: shown to the signed-in resident or for an appeal filed from this browser;
 * the server decides (403 for someone else's). */
function residentActions(app: App, appeal: AppealDetail, update: (feature: AppealFeature) => void): HTMLElement | null {
  const answered = appeal.status === "answered";
  const rateable = appeal.kind === "issue" && (answered || appeal.status === "closed");
  if (!answered && !rateable) return null;
  if (!app.me.authenticated && !storedAppeal(appeal.id)) return null;
  const act = (action: "confirm" | "reopen" | "rate", body: object) =>
    app.shell
      .busy(api<AppealFeature>(API.appealAction(appeal.id, action), { json: body }))
      .then((feature) => {
        app.shell.notice(t("card.thanks"));
        update(feature);
      })
      .catch((error: unknown) => app.shell.error(error));

  const box = h("section", { class: "gp-actions" });
  if (answered) {
    const confirm = h("button", { type: "button", class: "gp-button gp-primary" }, t("card.confirm"));
    confirm.addEventListener("click", () => void act("confirm", {}));
    const reason = h("textarea", { rows: 3, minlength: 10, maxlength: 5000, required: true, id: uid("reason") });
    const reopen = h(
      "form",
      { class: "gp-form" },
      h("label", { for: reason.id }, t("card.reopenReason")),
      reason,
      h("button", { type: "submit", class: "gp-button" }, t("card.reopenSend")),
    );
    reopen.addEventListener("submit", (event) => {
      event.preventDefault();
      void act("reopen", { reason: reason.value.trim() });
    });
    box.append(confirm, h("details", {}, h("summary", {}, t("card.reopen")), reopen));
  }
  if (rateable) {
    const name = uid("rating");
    const stars = h("fieldset", { class: "gp-stars" }, h("legend", {}, t("card.rate")));
    for (let n = 1; n <= 5; n++) {
      stars.append(
        h(
          "label",
          { class: "gp-choice" },
          h("input", { type: "radio", name, value: n, checked: appeal.rating === n, required: true }),
          t("card.stars", { n }),
        ),
      );
    }
    const rate = h(
      "form",
      { class: "gp-form" },
      stars,
      h("button", { type: "submit", class: "gp-button" }, t("card.rateSend")),
    );
    rate.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = rate.querySelector<HTMLInputElement>("input:checked");
      if (chosen) void act("rate", { rating: Number(chosen.value) });
    });
    box.append(rate);
  }
  return box;
}

async function load(app: App, id: number): Promise<AppealFeature | null> {
  const stored = storedAppeal(id);
  // A hidden (new or rejected) appeal is 404 to everyone but its signed-in author: a browser that filed
  // it anonymously shows its own copy instead of asking.
  if (stored && HIDDEN_STATUSES.has(stored.feature.properties.status) && stored.user !== (app.me.id ?? null)) {
    return stored.feature;
  }
  try {
    const feature = await api<AppealFeature>(API.appeal(id));
    refreshStored(feature);
    return feature;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return stored?.feature ?? null;
    throw error;
  }
}

async function render(app: App, route: Route) {
  const id = Number(route.arg);
  const feature = Number.isInteger(id) && id > 0 ? await load(app, id) : null;
  if (!feature) return h("p", { class: "gp-muted" }, t("card.notFound"));
  const appeal = feature.properties;
  const update = (fresh: AppealFeature) => {
    refreshStored(fresh);
    refreshMine(app);
    rerender();
  };
  const [lon, lat] = feature.geometry.coordinates;
  const show = h("button", { type: "button", class: "gp-link" }, t("card.showOnMap"));
  show.addEventListener("click", () =>
    app.map.flyTo({ center: [lon, lat], zoom: Math.max(app.map.getZoom(), CARD_ZOOM) }),
  );
  const canSupport = OPEN_STATUSES.has(appeal.status);
  return h(
    "article",
    { class: "gp-card", "data-appeal": String(appeal.id) },
    h("h3", { class: "gp-card-category" }, appeal.category_name || appeal.category),
    facts(appeal),
    h("p", { class: "gp-text" }, appeal.text),
    show,
    canSupport
      ? supportControl(
          app,
          appeal.id,
          appeal.kind === "proposal" ? t("card.support") : t("card.meToo"),
          app.me.email ?? "",
        )
      : null,
    photos(appeal),
    residentActions(app, appeal, update),
    timeline(appeal),
  );
}

export const appealPanel: PanelSpec = {
  id: "appeal",
  title: (route) => t("card.title", { id: route.arg }),
  render,
};
