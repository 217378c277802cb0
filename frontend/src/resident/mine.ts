// "My appeals" (#/mine): sign in / sign up / sign out, and the appeals filed from this browser with their
// current status; each opens its card, where the signed-in author confirms, reopens or rates.
import type { FeatureCollection } from "geojson";

import { API, api } from "../api";
import type { App } from "../app";
import { field, h } from "../dom";
import { formatDate, t } from "../i18n";
import type { PanelSpec } from "../panels";
import { rerender } from "../panels";
import { type AppealFeature, HIDDEN_STATUSES, statusBadge } from "./appeal";
import { refreshMine } from "./mine-layer";
import { refreshStored, rememberAccountAppeals, type StoredAppeal, storedAppeals } from "./store";

function input(name: string, type: string, autocomplete: string): HTMLInputElement {
  return h("input", { name, type, autocomplete, required: true });
}

function loginForm(app: App): HTMLElement {
  const username = input("username", "text", "username");
  const password = input("password", "password", "current-password");
  const form = h(
    "form",
    { class: "gp-form gp-login" },
    h("p", { class: "gp-hint" }, t("mine.loginHint")),
    field(t("mine.username"), username),
    field(t("mine.password"), password),
    h("button", { type: "submit", class: "gp-button gp-primary" }, t("mine.login")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    app.shell
      .busy(api(API.login, { json: { username: username.value.trim(), password: password.value } }))
      .then(() => app.refreshMe())
      .catch((error: unknown) => app.shell.error(error));
  });
  return form;
}

function signupForm(app: App): HTMLElement {
  const email = input("email", "email", "email");
  const password = input("password", "password", "new-password");
  const name = h("input", { name: "name", type: "text", autocomplete: "name" });
  const form = h(
    "form",
    { class: "gp-form gp-signup" },
    field(t("report.email"), email),
    field(t("mine.password"), password),
    field(t("mine.signupName"), name),
    h("button", { type: "submit", class: "gp-button" }, t("mine.signup")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    app.shell
      .busy(api(API.signup, { json: { email: email.value.trim(), password: password.value, name: name.value.trim() } }))
      .then(() => form.replaceWith(h("p", { role: "status" }, t("mine.signupDone"))))
      .catch((error: unknown) => app.shell.error(error));
  });
  return h("details", { class: "gp-signup-box" }, h("summary", {}, t("mine.noAccount"), " ", t("mine.signup")), form);
}

const AROUND_DEG = 0.0002; // ~20 m: the box the public list is asked about around a hidden appeal

/** Whether a hidden appeal filed anonymously from here has been made public since: the public list
 * around its point (always 200) names it. Asking its card instead would be a 404 while it is hidden. */
async function madePublic(item: StoredAppeal): Promise<boolean> {
  const [lon, lat] = item.feature.geometry.coordinates;
  const around = [lon - AROUND_DEG, lat - AROUND_DEG, lon + AROUND_DEG, lat + AROUND_DEG];
  const list = await api<FeatureCollection>(API.appeals, {
    query: { bbox: around.map((v) => v.toFixed(6)).join(","), limit: 1000 },
  });
  return list.features.some((feature) => feature.properties?.id === item.feature.properties.id);
}

/** The signed-in resident's appeals filed on any device (the newest MAX_ACCOUNT), kept here too. */
const MAX_ACCOUNT = 200;

async function takeInAccount(app: App): Promise<void> {
  if (!app.me.authenticated || app.me.id === undefined) return;
  const own = await api<FeatureCollection>(API.mine, { query: { limit: MAX_ACCOUNT } });
  rememberAccountAppeals(own.features as unknown as AppealFeature[], app.me.id);
  refreshMine(app);
}

/** Fresh copies of the stored appeals the API will show this user: public ones, the signed-in author's
 * own, and hidden ones found in the public list since they were filed. */
async function refreshAll(app: App, stored: StoredAppeal[]): Promise<void> {
  const mine = (item: StoredAppeal) => app.me.authenticated && item.user === app.me.id;
  const readable = await Promise.all(
    stored.map(
      async (item) =>
        !HIDDEN_STATUSES.has(item.feature.properties.status) ||
        mine(item) ||
        (await madePublic(item).catch(() => false)),
    ),
  );
  const fresh = await Promise.allSettled(
    stored.filter((_, i) => readable[i]).map((item) => api<AppealFeature>(API.appeal(item.feature.properties.id))),
  );
  for (const result of fresh) if (result.status === "fulfilled") refreshStored(result.value);
  refreshMine(app);
}

function list(stored: StoredAppeal[]): HTMLElement {
  if (!stored.length) return h("p", { class: "gp-muted" }, t("mine.empty"));
  return h(
    "ul",
    { class: "gp-list gp-mine" },
    ...stored.map(({ feature: { properties: appeal } }) =>
      h(
        "li",
        { "data-appeal": String(appeal.id) },
        h("a", { href: `#/appeal/${appeal.id}` }, `№ ${appeal.id} · ${appeal.category_name}`),
        " ",
        statusBadge(appeal.status),
        h("div", { class: "gp-muted" }, formatDate(appeal.created_at), appeal.address ? ` · ${appeal.address}` : ""),
      ),
    ),
  );
}

let refreshed = false;
let accountTakenIn: number | undefined; // the user whose appeals were fetched on this visit

export const minePanel: PanelSpec = {
  id: "mine",
  order: 30,
  menu: () => true,
  title: () => t("mine.title"),
  async render(app) {
    const stored = storedAppeals();
    if (!refreshed && stored.length) {
      refreshed = true; // once per visit: the list re-renders after it
      void refreshAll(app, stored).then(rerender);
    }
    if (app.me.authenticated && accountTakenIn !== app.me.id) {
      accountTakenIn = app.me.id; // once per visit and user, on sign-in too: the list re-renders after it
      void takeInAccount(app)
        .then(rerender)
        .catch((error: unknown) => app.shell.error(error));
    }
    const logout = h("button", { type: "button", class: "gp-link" }, t("mine.logout"));
    logout.addEventListener("click", () => {
      app.shell
        .busy(api(API.logout, { method: "POST" }))
        .then(() => app.refreshMe())
        .catch((error: unknown) => app.shell.error(error));
    });
    const account = app.me.authenticated
      ? h(
          "p",
          { class: "gp-account" },
          t("mine.signedInAs", { name: app.me.name || app.me.email || app.me.username || "" }),
          " ",
          logout,
        )
      : h("div", {}, loginForm(app), signupForm(app));
    return h("div", {}, account, list(stored));
  },
};
