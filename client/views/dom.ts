/**
 * A tiny element builder: the embed renders with the DOM API only, so text is always text and no
 * markup from a comment can ever be parsed as HTML.
 */

/** Attribute values; `true` sets an empty attribute, `false`/`undefined` leave it off. */
export type Attrs = Record<string, string | number | boolean | undefined>;

/** A child: nodes are appended, strings become text nodes, empty values are skipped. */
export type Child = Node | string | null | undefined | false;

/** Creates `<tag attrs>children</tag>`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === false) continue;
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, ...children);
  return el;
}

/** Appends children to a parent, strings as text. */
function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Adds a click listener and returns the element, to keep view code declarative. */
export function onClick<T extends HTMLElement>(el: T, handler: (event: MouseEvent) => void): T {
  el.addEventListener("click", handler);
  return el;
}

let idCounter = 0;

/** A document-unique id for label/aria wiring inside one shadow root. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `parley-${prefix}-${idCounter}`;
}
