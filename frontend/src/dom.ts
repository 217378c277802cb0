// Building DOM nodes without HTML strings (residents' text is never parsed as HTML).

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * `h("button", {type: "button", class: "gp-link", onclick: go}, "Open")`: attributes by name (`class`,
 * `for`, `aria-*`, `data-*`…), `on…` keys become listeners, `true` sets a boolean attribute, `false`,
 * null and undefined leave it out; children are nodes or text.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(node, ...children);
  return node;
}

/** Appends text and nodes, skipping the empty ones. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

let counter = 0;

/** A unique id for label/aria wiring: `gp-<prefix>-<n>`. */
export function uid(prefix: string): string {
  counter += 1;
  return `gp-${prefix}-${counter}`;
}

/** A labelled form field: <label for=id>text</label> followed by the control. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || uid("field");
  control.id = id;
  const hintNode = hint ? h("small", { class: "gp-hint", id: `${id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute("aria-describedby", hintNode.id);
  return h("div", { class: "gp-field" }, h("label", { for: id }, label), control, hintNode);
}
