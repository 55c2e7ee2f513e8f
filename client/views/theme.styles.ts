/**
 * The embed's design tokens and its light and dark palettes, as CSS for its shadow root.
 *
 * Hosts set the public `--parley-*` properties on the embed's element or any ancestor; they
 * inherit through the shadow boundary. Two steps make that work: `:host` reads each public name
 * into a short private one with the theme's default as fallback (`:host` must not declare the
 * public names itself, or its declaration would hide a value set on an ancestor), and `.parley`
 * declares the public names again from the private ones, so every rule inside (and every feature's
 * own style module) can simply use `var(--parley-color-text)` and always gets a value.
 *
 * Themes: `data-parley-theme="light"` or `"dark"` on the element forces one; anything else
 * (`auto`, absent, a typo) follows `prefers-color-scheme`. Text colours meet 4.5:1 on both the
 * background and the surface, field borders 3:1 (docs/embed.md, Theming).
 */

/** Dark defaults: the same private names, so one block serves both ways of choosing dark. */
const dark =
  "color-scheme:dark;--t:var(--parley-color-text,#e6e9ed);--m:var(--parley-color-muted,#a3acb7);" +
  "--bg:var(--parley-color-bg,#15181c);--s:var(--parley-color-surface,#1f2329);" +
  "--l:var(--parley-color-border,#373e47);--f:var(--parley-color-field-border,#7d8793);" +
  "--a:var(--parley-color-accent,#7ab7ff);--at:var(--parley-color-accent-text,#0a1a2e);" +
  "--d:var(--parley-color-danger,#ff8f85);--n:var(--parley-color-notice,#3b2e07);" +
  "--nt:var(--parley-color-notice-text,#ffd97a);--h:var(--parley-color-highlight,#4a3b0c)";

/** Tokens, light defaults (`--parley-accent`/`--parley-ink` are the names before 1.1, kept). */
export const themeCss =
  ":host{all:initial;display:block;contain:content;color-scheme:light;background:var(--bg);" +
  "--t:var(--parley-color-text,var(--parley-ink,#1d2226));--m:var(--parley-color-muted,#555e68);" +
  "--bg:var(--parley-color-bg,#fff);--s:var(--parley-color-surface,#f4f6f8);" +
  "--l:var(--parley-color-border,#dde1e6);--f:var(--parley-color-field-border,#7f8993);" +
  "--a:var(--parley-color-accent,var(--parley-accent,#0b5cad));--at:var(--parley-color-accent-text,#fff);" +
  "--d:var(--parley-color-danger,#b3261e);--n:var(--parley-color-notice,#fff8e1);" +
  "--nt:var(--parley-color-notice-text,#5d4300);--h:var(--parley-color-highlight,#fff3c4);" +
  "--r:var(--parley-radius,8px);--sp:var(--parley-space,1rem);--fs:var(--parley-font-size,16px);" +
  '--ff:var(--parley-font,system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif)}' +
  ":host([data-parley-theme=dark]){" +
  dark +
  "}" +
  "@media (prefers-color-scheme:dark){:host(:not([data-parley-theme=light])){" +
  dark +
  "}}" +
  ".parley{--parley-color-text:var(--t);--parley-color-muted:var(--m);--parley-color-bg:var(--bg);" +
  "--parley-color-surface:var(--s);--parley-color-border:var(--l);--parley-color-field-border:var(--f);" +
  "--parley-color-accent:var(--a);--parley-color-accent-text:var(--at);--parley-color-danger:var(--d);" +
  "--parley-color-notice:var(--n);--parley-color-notice-text:var(--nt);--parley-color-highlight:var(--h);" +
  "--parley-radius:var(--r);--parley-space:var(--sp);--parley-font-size:var(--fs);--parley-font:var(--ff);" +
  "font:var(--fs)/1.55 var(--ff);color:var(--t);text-align:start;position:relative}";
