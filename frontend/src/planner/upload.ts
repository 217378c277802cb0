// The upload dialog of the catalogue: a file into an existing layer, or a new layer created first
// (POST /api/v1/layers, then POST /api/v1/layers/{slug}/upload as multipart/form-data).
import { api } from "../api";
import type { App } from "../app";
import { field, h } from "../dom";
import { t } from "../i18n";
import { rerender } from "../panels";
import type { CatalogueLayer } from "./catalogue";

const NEW = "";

interface ImportRun {
  id: number;
  status: "running" | "succeeded" | "failed";
  counts: { written?: number; rejected?: number } | null;
}

export function uploadSection(app: App, layers: CatalogueLayer[]): HTMLElement {
  const target = h(
    "select",
    { name: "layer", required: true },
    ...layers.map((layer) => h("option", { value: layer.slug }, layer.title)),
    h("option", { value: NEW }, t("planner.uploadNew")),
  );
  const slug = h("input", { name: "slug", pattern: "[A-Za-z0-9_\\-]{1,64}", autocomplete: "off" });
  const title = h("input", { name: "title", autocomplete: "off" });
  const newFields = h("div", {}, field(t("planner.newSlug"), slug), field(t("planner.newTitle"), title));
  const file = h("input", {
    type: "file",
    name: "file",
    required: true,
    accept: ".geojson,.json,.gpkg,.kml,.kmz,.csv,.zip",
  });
  const mode = h(
    "select",
    { name: "mode" },
    h("option", { value: "replace" }, t("planner.modeReplace")),
    h("option", { value: "append" }, t("planner.modeAppend")),
  );
  const srs = h("input", { name: "srs", placeholder: "EPSG:4326", autocomplete: "off" });
  const cancel = h("button", { type: "button", class: "gp-button" }, t("planner.cancel"));
  const send = h("button", { type: "submit", class: "gp-button gp-primary" }, t("planner.send"));
  const form = h(
    "form",
    { class: "gp-form", method: "dialog" },
    h("h3", {}, t("planner.uploadTitle")),
    field(t("planner.uploadLayer"), target),
    newFields,
    field(t("planner.file"), file),
    field(t("planner.mode"), mode),
    field(t("planner.srs"), srs),
    h("div", { class: "gp-actions" }, send, cancel),
  );
  const dialog = h("dialog", { class: "gp-dialog" }, form);
  const syncNew = () => {
    const creating = target.value === NEW;
    newFields.hidden = !creating;
    slug.required = creating;
    title.required = creating;
  };
  target.addEventListener("change", syncNew);
  syncNew();
  cancel.addEventListener("click", () => dialog.close());
  // Escape closes the dialog (the browser's own cancel) but not the panel around it.
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") event.stopPropagation();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const upload = async () => {
      let layer = target.value;
      if (layer === NEW) {
        layer = (
          await api<CatalogueLayer>("/api/v1/layers", { json: { slug: slug.value.trim(), title: title.value.trim() } })
        ).slug;
      }
      const body = new FormData();
      const chosen = file.files?.[0];
      if (chosen) body.append("file", chosen);
      body.append("mode", mode.value);
      if (srs.value.trim()) body.append("srs", srs.value.trim());
      return api<ImportRun>(`/api/v1/layers/${encodeURIComponent(layer)}/upload`, { form: body });
    };
    send.disabled = true;
    app.shell
      .busy(upload())
      .then((run) => {
        dialog.close();
        app.shell.notice(
          run.status === "running"
            ? t("planner.queued", { id: run.id })
            : t("planner.uploaded", { written: run.counts?.written ?? 0, rejected: run.counts?.rejected ?? 0 }),
        );
        rerender();
      })
      .catch((error: unknown) => app.shell.error(error))
      .finally(() => {
        send.disabled = false;
      });
  });
  const open = h("button", { type: "button", class: "gp-button", "data-action": "upload" }, t("planner.upload"));
  open.addEventListener("click", () => dialog.showModal());
  return h("section", { class: "gp-upload" }, open, dialog);
}
