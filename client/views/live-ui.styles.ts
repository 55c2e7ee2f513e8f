/**
 * Styles of "N reading now" and the editors' picks, appended to the embed's sheet (./styles.ts).
 * Logical properties only (right-to-left pages mirror them), colours only through the theme's
 * custom properties.
 */
export const liveUiCss =
  ".presence,.pinned h3,.pin-label{margin:0;color:var(--parley-color-muted)}" +
  ".pinned{margin-block:1rem;padding:var(--parley-space);border:1px solid var(--parley-color-border);border-radius:var(--parley-radius)}" +
  ".pins{list-style:none;padding:0}" +
  ".pin-label{font-weight:700;color:var(--parley-color-accent)}" +
  ".pin-body{white-space:pre-wrap;overflow:hidden;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3}";
