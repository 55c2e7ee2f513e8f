/**
 * Styles of formatted comment bodies (quotes, code, spoilers) and of the formatting bar and
 * preview, concatenated into the embed's sheet by ./styles.ts. Logical properties only, and
 * colours only through the theme's custom properties, so themes and right-to-left pages apply.
 */
export const markupCss =
  "blockquote{margin:.25rem 0;padding-inline-start:.75rem;border-inline-start:3px solid var(--parley-color-border)}" +
  "code,.spoiler{background:var(--parley-color-surface);border-radius:var(--parley-radius)}" +
  "code{font:.9em monospace}" +
  "button.spoiler{border:1px dashed var(--parley-color-border);cursor:pointer}" +
  ".format button{min-width:2rem;background:var(--parley-color-surface);border:1px solid var(--parley-color-border);border-radius:var(--parley-radius)}" +
  ".format [aria-pressed=true]{background:var(--parley-color-accent);color:var(--parley-color-accent-text)}";
