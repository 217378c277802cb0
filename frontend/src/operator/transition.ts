// The transition form of one appeal (#/queue/{id}): the staff view (GET /api/v1/appeals/{id}/internal),
// the moves the workflow allows an operator, a response template that fills the public response, and
// POST /api/v1/appeals/{id}/transition.
import { api } from "../api";
import type { App } from "../app";
import { field, h } from "../dom";
import { formatDate, localName, statusLabel, t } from "../i18n";
import { navigate } from "../panels";
import { categoryNames, deadlineBadge, type QueueRow } from "./row";

/** Operator moves by kind and status: appeals/workflow.py TRANSITIONS without moderation's (new,
 * duplicate). The server checks every move again; this only offers the sensible ones. */
const MOVES: Record<string, Record<string, string[]>> = {
  issue: {
    registered: ["in_progress", "answered", "redirected", "rejected"],
    redirected: ["registered", "in_progress"],
    in_progress: ["answered", "redirected"],
    answered: ["closed", "reopened"],
    reopened: ["in_progress"],
  },
  proposal: {
    published: ["under_review", "rejected"],
    under_review: ["accepted", "rejected"],
    accepted: ["implemented"],
  },
};
const RESPONSE_REQUIRED = new Set(["answered", "rejected", "redirected"]);

interface Internal extends QueueRow {
  events: {
    id: number;
    at: string;
    from_status: string;
    to_status: string;
    public_response: string;
    internal_note: string;
  }[];
  contact?: { name: string; email: string; phone: string };
}

interface Department {
  id: number;
  name: string;
  name_ru: string;
  name_en: string;
}

interface Template {
  id: number;
  department: { id: number } | null;
  category: { id: number } | null;
  title: string;
  text: string;
}

/** A template's text with this appeal's public values in its {placeholders} (a preview the operator edits). */
export function fillTemplate(text: string, appeal: Internal): string {
  const values: Record<string, string> = {
    appeal_id: String(appeal.id),
    category: appeal.category.name_ru,
    address: appeal.address || "—",
    department: appeal.department?.name ?? "—",
    status: statusLabel(appeal.status),
    registered_date: appeal.registered_at ? new Date(appeal.registered_at).toLocaleDateString("ru") : "—",
    due_date: appeal.due_at ? new Date(appeal.due_at).toLocaleDateString("ru") : "—",
  };
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export async function transitionView(app: App, id: number): Promise<HTMLElement> {
  const [appeal, templates, names, departments] = await Promise.all([
    api<Internal>(`/api/v1/appeals/${id}/internal`),
    api<{ results: Template[] }>("/api/v1/staff/templates").catch(() => ({ results: [] as Template[] })),
    categoryNames(app),
    api<Department[]>("/api/v1/departments"),
  ]);
  const moves = MOVES[appeal.kind]?.[appeal.status] ?? [];
  const usable = templates.results.filter(
    (tpl) =>
      tpl.department?.id === appeal.department?.id && (tpl.category === null || tpl.category.id === appeal.category.id),
  );
  const back = h("a", { href: "#/queue", class: "gp-link" }, t("operator.back"));
  const facts = h(
    "section",
    { class: "gp-appeal-facts" },
    h(
      "div",
      { class: "gp-queue-head" },
      deadlineBadge(appeal),
      h("span", { class: "gp-status" }, statusLabel(appeal.status)),
    ),
    h("p", {}, names.get(appeal.category.id) ?? appeal.category.name_ru, appeal.address ? ` · ${appeal.address}` : ""),
    h("blockquote", {}, appeal.text),
    appeal.contact
      ? h(
          "p",
          { class: "gp-hint" },
          `${t("operator.contact")}: `,
          [appeal.contact.name, appeal.contact.email, appeal.contact.phone].filter(Boolean).join(", "),
        )
      : null,
  );
  const history = h(
    "details",
    {},
    h("summary", {}, t("operator.history")),
    h(
      "ol",
      { class: "gp-timeline" },
      ...appeal.events.map((e) =>
        h(
          "li",
          {},
          `${formatDate(e.at, true)}: ${e.from_status ? `${statusLabel(e.from_status)} → ` : ""}${statusLabel(e.to_status)}`,
          e.public_response ? h("blockquote", {}, e.public_response) : null,
          e.internal_note ? h("p", { class: "gp-hint" }, e.internal_note) : null,
        ),
      ),
    ),
  );
  if (!moves.length)
    return h(
      "div",
      { class: "gp-operator" },
      back,
      facts,
      h("p", { class: "gp-muted" }, t("operator.noMoves")),
      history,
    );

  const toStatus = h(
    "select",
    { name: "to_status", required: true },
    ...moves.map((s) => h("option", { value: s }, statusLabel(s))),
  );
  const template = h(
    "select",
    { name: "template" },
    h("option", { value: "" }, t("operator.noTemplate")),
    ...usable.map((tpl) => h("option", { value: String(tpl.id) }, tpl.title)),
  );
  const department = h(
    "select",
    { name: "department" },
    h("option", { value: "" }, t("operator.routing")),
    ...departments
      .filter((d) => d.id !== appeal.department?.id)
      .map((d) => h("option", { value: String(d.id) }, localName(d))),
  );
  const redirect = field(t("operator.department.redirect"), department);
  const response = h("textarea", { name: "public_response", rows: 5, maxlength: 10000 });
  const note = h("textarea", { name: "internal_note", rows: 2 });
  const error = h("p", { class: "gp-form-error", role: "alert" });
  const submit = h("button", { type: "submit", class: "gp-button gp-primary" }, t("operator.submit"));
  const syncRequired = () => {
    response.required = RESPONSE_REQUIRED.has(toStatus.value);
    redirect.hidden = toStatus.value !== "redirected";
  };
  toStatus.addEventListener("change", syncRequired);
  syncRequired();
  template.addEventListener("change", () => {
    const chosen = usable.find((tpl) => String(tpl.id) === template.value);
    if (chosen) response.value = fillTemplate(chosen.text, appeal);
  });
  const form = h(
    "form",
    { class: "gp-form", "data-form": "transition" },
    field(t("operator.toStatus"), toStatus),
    redirect,
    usable.length ? field(t("operator.template"), template) : null,
    field(t("operator.response"), response),
    field(t("operator.note"), note),
    error,
    h("div", { class: "gp-actions" }, submit),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.textContent = "";
    if (response.required && !response.value.trim()) {
      error.textContent = t("operator.responseRequired");
      response.focus();
      return;
    }
    submit.disabled = true;
    const body = {
      to_status: toStatus.value,
      public_response: response.value.trim(),
      internal_note: note.value.trim(),
      template: template.value ? Number(template.value) : null,
      department: toStatus.value === "redirected" && department.value ? Number(department.value) : null,
    };
    app.shell
      .busy(api<QueueRow>(`/api/v1/appeals/${id}/transition`, { json: body }))
      .then((row) => {
        app.shell.notice(t("operator.done", { id, status: statusLabel(row.status) }));
        navigate("queue");
      })
      .catch((failure: unknown) => {
        error.textContent = app.shell.message(failure);
        submit.disabled = false;
      });
  });
  return h("div", { class: "gp-operator" }, back, facts, form, history);
}
