// "Me too" on an issue, "support" on a proposal: counted at once when signed in; an anonymous resident
// gives an e-mail address and confirms by the link sent to it (POST /api/v1/appeals/{id}/support).
import { API, api } from "../api";
import type { App } from "../app";
import { h, uid } from "../dom";
import { t } from "../i18n";
import { reloadTiles, SOURCE } from "../overlays";

interface SupportAnswer {
  appeal: number;
  supports_count: number;
  created: boolean;
}

/** A support button for appeal `id`; `email` pre-fills the address an anonymous resident is asked for. */
export function supportControl(app: App, id: number, label: string, email = ""): HTMLElement {
  const box = h("div", { class: "gp-support" });
  const button = h("button", { type: "button", class: "gp-button", "data-support": String(id) }, label);
  const result = h("span", { class: "gp-support-result", "aria-live": "polite" });
  box.append(button, result);

  const send = (body: object) =>
    app.shell.busy(api<SupportAnswer | { detail: string }>(API.appealAction(id, "support"), { json: body }));

  button.addEventListener("click", () => {
    if (app.me.authenticated) {
      button.disabled = true;
      send({})
        .then((answer) => {
          result.textContent = t("report.supported", { count: (answer as SupportAnswer).supports_count });
          reloadTiles(app.map, SOURCE.appeals);
          reloadTiles(app.map, SOURCE.proposals);
        })
        .catch((error: unknown) => {
          button.disabled = false;
          app.shell.error(error);
        });
      return;
    }
    // Anonymous: ask for the address to confirm by e-mail.
    const input = h("input", { type: "email", id: uid("support-email"), required: true, autocomplete: "email" });
    input.value = email;
    const confirm = h("button", { type: "submit", class: "gp-button gp-primary" }, label);
    const form = h(
      "form",
      { class: "gp-support-email" },
      h("label", { for: input.id }, t("report.supportEmail")),
      input,
      confirm,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      confirm.disabled = true;
      send({ email: input.value.trim() })
        .then(() => form.replaceWith(h("p", { class: "gp-muted", role: "status" }, t("report.supportEmailSent"))))
        .catch((error: unknown) => {
          confirm.disabled = false;
          app.shell.error(error);
        });
    });
    button.replaceWith(form);
    input.focus();
  });
  return box;
}
