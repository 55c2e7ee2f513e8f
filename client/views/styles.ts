/**
 * The embed's styles, adopted into its shadow root as a constructed stylesheet: host pages cannot
 * restyle it by accident, it cannot leak styles into them, and a strict CSP (`style-src 'self'`)
 * does not block constructed sheets. Hosts may theme it through `--parley-*` custom properties,
 * which deliberately cross the shadow boundary (theme.styles.ts: tokens and the dark palette).
 * Every colour, radius and the base spacing come from those tokens, and inline-axis properties are
 * logical (`margin-inline-start`, `inset-inline-end`, `text-align: start`), so a right-to-left
 * root mirrors the layout. Sizes are in `em` of `--parley-font-size`, so that token scales the
 * whole section.
 */
import { liveUiCss } from "./live-ui.styles.js";
import { markupCss } from "./markup.styles.js";
import { themeCss } from "./theme.styles.js";

const css =
  themeCss +
  ":host([hidden]){display:none}" +
  "*,*::before,*::after{box-sizing:border-box}" +
  "[hidden]{display:none!important}" +
  "button,input,select,textarea{font:inherit;color:inherit}" +
  "a{color:var(--parley-color-accent)}" +
  ":focus-visible{outline:2px solid var(--parley-color-accent);outline-offset:2px}" +
  ".sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}" +
  ".muted{color:var(--parley-color-muted)}" +
  ".bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.75em;border-bottom:3px solid var(--parley-color-text);padding-bottom:.5em;margin-bottom:var(--parley-space)}" +
  ".count{font-size:1.35em;line-height:1.2;margin:0;font-weight:700}" +
  ".bar-controls,.toolbar{display:flex;align-items:center;gap:.5em;font-size:.9em}" +
  ".toolbar{justify-content:flex-end;margin:var(--parley-space) 0 .5em}" +
  ".bar-controls{min-width:0;max-width:100%}" +
  ".bar-controls label,.toolbar label{white-space:nowrap}" +
  ".bar-controls select{min-width:0;flex:0 1 auto}" +
  "select{border:1px solid var(--parley-color-field-border);border-radius:var(--parley-radius);padding:.3em .5em;background:var(--parley-color-bg)}" +
  ".bell-wrap{position:relative}" +
  ".bell{display:inline-flex;align-items:center;gap:.25em;border:1px solid var(--parley-color-border);background:var(--parley-color-bg);border-radius:999px;padding:.3em .6em;cursor:pointer}" +
  ".bell svg{width:1.15em;height:1.15em;fill:currentColor}" +
  ".badge{background:var(--parley-color-danger);color:var(--parley-color-bg);border-radius:999px;font-size:.83em;font-weight:700;min-width:1.75em;padding:0 .45em;text-align:center}" +
  ".panel{position:absolute;inset-inline-end:0;top:calc(100% + .4em);width:min(22rem,90vw);max-height:24rem;overflow:auto;background:var(--parley-color-bg);border:1px solid var(--parley-color-border);border-radius:var(--parley-radius);box-shadow:0 8px 24px rgb(0 0 0/.25);padding:.75em;z-index:10}" +
  ".panel-head{display:flex;justify-content:space-between;align-items:baseline;gap:.5em}" +
  ".panel h3{font-size:1.11em;margin:0 0 .5em}" +
  ".notification-list{list-style:none;margin:0;padding:0}" +
  ".notification-list li{border-top:1px solid var(--parley-color-border);padding:.5em 0}" +
  ".notification-list li.unread{font-weight:600}" +
  ".notification-list a{display:block;text-decoration:none;color:var(--parley-color-text)}" +
  ".notification-list a:hover .what{text-decoration:underline}" +
  ".notification-list .excerpt{display:block;color:var(--parley-color-muted);font-weight:400}" +
  ".notification-list time{font-size:.89em;color:var(--parley-color-muted);font-weight:400}" +
  ".banner{background:var(--parley-color-notice);border:1px solid;color:var(--parley-color-notice-text);border-radius:var(--parley-radius);padding:.5em .75em;font-size:.9em;margin:0 0 var(--parley-space)}" +
  ".compose{display:grid;gap:.6em;background:var(--parley-color-surface);border:1px solid var(--parley-color-border);border-radius:var(--parley-radius);padding:var(--parley-space);margin:0}" +
  ".compose.is-reply{margin-block:.5em var(--parley-space);margin-inline-start:3.25em}" +
  ".field{display:grid;gap:.25em}" +
  ".field label{font-weight:600;font-size:.9em}" +
  "input,textarea{border:1px solid var(--parley-color-field-border);border-radius:var(--parley-radius);padding:.5em .6em;background:var(--parley-color-bg);width:100%}" +
  "textarea{min-height:5em;resize:vertical}" +
  "[aria-invalid=true]{border-color:var(--parley-color-danger)}" +
  ".form-error{color:var(--parley-color-danger);margin:0;font-size:.9em}" +
  ".form-error:empty{display:none}" +
  ".mention-list{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25em}" +
  ".mention-list[hidden]{display:none}" +
  ".email-settings{margin:.5em 0;font-size:.9em}" +
  ".email-prefs{display:grid;gap:.35em;max-width:24em;margin-top:.5em}" +
  ".prefs-status:empty{display:none}" +
  ".form-actions{display:flex;justify-content:flex-end}" +
  ".primary{background:var(--parley-color-accent);color:var(--parley-color-accent-text);border:0;border-radius:var(--parley-radius);padding:.5em 1.1em;font-weight:700;cursor:pointer}" +
  ".primary:disabled{opacity:.6;cursor:progress}" +
  ".replying,.signed-as{margin:0;font-size:.9em}" +
  ".edit-form{display:grid;gap:.5em;margin:.35em 0}" +
  ".actions .form-error{font-weight:400}" +
  ".link-button{background:none;border:0;padding:0;color:var(--parley-color-accent);cursor:pointer;text-decoration:underline;font-size:inherit}" +
  ".pill{position:sticky;top:.75em;z-index:5;display:block;margin:0 auto .5em;background:var(--parley-color-accent);color:var(--parley-color-accent-text);border:0;border-radius:999px;padding:.4em 1em;font-weight:700;box-shadow:0 4px 14px rgb(0 0 0/.25);cursor:pointer}" +
  ".status{margin:var(--parley-space) 0}" +
  ".threads,.replies{list-style:none;margin:0;padding:0}" +
  ".thread{border-top:1px solid var(--parley-color-border);padding:var(--parley-space) 0}" +
  ".replies{margin-inline-start:3.25em}" +
  ".replies>li{border-inline-start:2px solid var(--parley-color-border);padding-inline-start:.9em;margin-top:.75em}" +
  ".more-replies{border-inline-start:0!important}" +
  ".comment{display:flex;gap:.75em;border-radius:var(--parley-radius);scroll-margin:4em}" +
  ".comment:focus{outline:none}" +
  ".comment:focus-visible{outline:2px solid var(--parley-color-accent)}" +
  ".avatar{flex:none;width:2.8em;height:2.8em;border-radius:50%;display:grid;place-items:center;font-weight:700;font-size:.9em;color:#fff;background:#5f6b7a;object-fit:cover}" +
  ".main{min-width:0;flex:1}" +
  ".meta{font-size:.9em;line-height:1.4}" +
  ".name{font-weight:700}" +
  "bdi,.meta>*{unicode-bidi:isolate}" +
  // User text takes its direction per paragraph from its first strong letter (./isolate.view.ts):
  // an English line in an Arabic body, a Latin address typed into an Arabic form, a code span.
  "[dir=auto],input,textarea,code{unicode-bidi:plaintext}" +
  ".role{margin-inline-start:.4em;padding:0 .5em;border:1px solid var(--parley-color-border);border-radius:999px;font-size:.8em;color:var(--parley-color-muted)}" +
  ".role-moderator{border-color:var(--parley-color-accent);color:var(--parley-color-accent);font-weight:700}" +
  ".handle,.edited,.time,.reply-to{color:var(--parley-color-muted)}" +
  ".time{text-decoration:none}" +
  ".time:hover{text-decoration:underline}" +
  '.time::before{content:"· "}' +
  ".reply-to{margin:.1em 0 0;font-size:.85em}" +
  '.reply-to::before{content:"↳ "}' +
  '.reply-to:dir(rtl)::before{content:"↲ "}' +
  ".body{margin:.35em 0 .25em;white-space:pre-wrap;overflow-wrap:anywhere}" +
  ".body.removed,.pending{color:var(--parley-color-muted);font-style:italic}" +
  ".pending{margin:.25em 0;font-size:.85em}" +
  ".actions{display:flex;gap:1em;font-size:.85em}" +
  ".reply{background:none;border:0;padding:0;color:var(--parley-color-muted);font-weight:700;cursor:pointer}" +
  ".reply:hover,.vote:hover,.vote[aria-pressed=true]{color:var(--parley-color-accent)}" +
  ".votes{display:inline-flex;align-items:center;gap:.35em}" +
  ".vote{font-size:.94em;padding:0 .15em;background:none;border:0;color:var(--parley-color-muted);cursor:pointer}" +
  ".score{font-weight:700;min-width:1ch;text-align:center;color:var(--parley-color-text)}" +
  ".more{display:block;width:100%;margin-top:var(--parley-space);background:var(--parley-color-bg);border:1px solid var(--parley-color-border);border-radius:var(--parley-radius);padding:.6em;font-weight:700;color:var(--parley-color-accent);cursor:pointer}" +
  ".fresh{animation:parley-in .45s ease-out}" +
  ".highlight{animation:parley-glow 2.4s ease-out}" +
  "@keyframes parley-in{from{opacity:0;transform:translateY(-6px)}to{opacity:1;transform:none}}" +
  "@keyframes parley-glow{0%,40%{background:var(--parley-color-highlight)}100%{background:transparent}}" +
  "@media (prefers-reduced-motion:reduce){.fresh,.highlight{animation:none}.highlight{background:var(--parley-color-highlight)}}" +
  ".hue-0{background:#8e3b46}.hue-1{background:#9a5b13}.hue-2{background:#6b6a12}.hue-3{background:#3d7317}.hue-4{background:#17784a}.hue-5{background:#0f7374}" +
  ".hue-6{background:#1d6690}.hue-7{background:#2f55a8}.hue-8{background:#5b47ae}.hue-9{background:#7c3e9e}.hue-10{background:#983b7f}.hue-11{background:#a13a5a}" +
  "@media (max-width:520px){.replies{margin-inline-start:1em}.compose.is-reply{margin-inline-start:0}.avatar{width:2.2em;height:2.2em}}" +
  markupCss +
  liveUiCss;

let sheet: CSSStyleSheet | null = null;

/** Applies the embed's styles to a shadow root. */
export function adoptStyles(root: ShadowRoot): void {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
    return;
  }
  // Old browsers without constructed sheets: a <style> element (a strict CSP may block it there).
  const style = document.createElement("style");
  style.textContent = css;
  root.append(style);
}
