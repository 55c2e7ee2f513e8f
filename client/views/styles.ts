/**
 * The embed's styles, adopted into its shadow root as a constructed stylesheet: host pages cannot
 * restyle it by accident, it cannot leak styles into them, and a strict CSP (`style-src 'self'`)
 * does not block constructed sheets. Hosts may theme it through `--parley-*` custom properties,
 * which deliberately cross the shadow boundary.
 */

import { liveUiCss } from "./live-ui.styles.js";

const css = `
:host{all:initial;display:block;contain:content}
:host([hidden]){display:none}
.parley{--accent:var(--parley-accent,#0b5cad);--ink:var(--parley-ink,#1d2226);--muted:#555e68;--line:#dde1e6;--soft:#f4f6f8;
font:16px/1.55 var(--parley-font,system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif);color:var(--ink);text-align:left;position:relative}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,input,select,textarea{font:inherit;color:inherit}
a{color:var(--accent)}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.muted{color:var(--muted)}
.bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.75rem;border-bottom:3px solid var(--ink);padding-bottom:.5rem;margin-bottom:1rem}
.count{font-size:1.35rem;line-height:1.2;margin:0;font-weight:700}
.bar-controls,.toolbar{display:flex;align-items:center;gap:.5rem;font-size:.9rem}
.toolbar{justify-content:flex-end;margin:1rem 0 .5rem}
.bar-controls{min-width:0;max-width:100%}
.bar-controls label,.toolbar label{white-space:nowrap}
.bar-controls select{min-width:0;flex:0 1 auto}
select{border:1px solid var(--line);border-radius:6px;padding:.3rem .5rem;background:#fff}
.bell-wrap{position:relative}
.bell{display:inline-flex;align-items:center;gap:.25rem;border:1px solid var(--line);background:#fff;border-radius:999px;padding:.3rem .6rem;cursor:pointer}
.bell svg{width:1.15rem;height:1.15rem;fill:currentColor}
.badge{background:#c62828;color:#fff;border-radius:999px;font-size:.75rem;font-weight:700;min-width:1.3rem;padding:0 .35rem;text-align:center}
.panel{position:absolute;right:0;top:calc(100% + .4rem);width:min(22rem,90vw);max-height:24rem;overflow:auto;background:#fff;border:1px solid var(--line);border-radius:10px;box-shadow:0 8px 24px rgb(0 0 0/.14);padding:.75rem;z-index:10}
.panel-head{display:flex;justify-content:space-between;align-items:baseline;gap:.5rem}
.panel h3{font-size:1rem;margin:0 0 .5rem}
.notification-list{list-style:none;margin:0;padding:0}
.notification-list li{border-top:1px solid var(--line);padding:.5rem 0;font-size:.9rem}
.notification-list li.unread{font-weight:600}
.notification-list a{display:block;text-decoration:none;color:var(--ink)}
.notification-list a:hover .what{text-decoration:underline}
.notification-list .excerpt{display:block;color:var(--muted);font-weight:400}
.notification-list time{font-size:.8rem;color:var(--muted);font-weight:400}
.banner{background:#fff8e1;border:1px solid #f0d48a;color:#5d4300;border-radius:8px;padding:.5rem .75rem;font-size:.9rem;margin:0 0 1rem}
.compose{display:grid;gap:.6rem;background:var(--soft);border:1px solid var(--line);border-radius:10px;padding:1rem;margin:0}
.compose.is-reply{margin:.5rem 0 1rem 3.25rem}
.field{display:grid;gap:.25rem}
.field label{font-weight:600;font-size:.9rem}
input,textarea{border:1px solid #8a939c;border-radius:6px;padding:.5rem .6rem;background:#fff;width:100%}
textarea{min-height:5rem;resize:vertical}
[aria-invalid=true]{border-color:#c62828}
.form-error{color:#b3261e;margin:0;font-size:.9rem}
.form-error:empty{display:none}
.mention-list{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.mention-list[hidden]{display:none}
.email-settings{margin:.5rem 0;font-size:.9rem}
.email-prefs{display:grid;gap:.35rem;max-width:24rem;margin-top:.5rem}
.prefs-status:empty{display:none}
.form-actions{display:flex;justify-content:flex-end}
.primary{background:var(--accent);color:#fff;border:0;border-radius:6px;padding:.5rem 1.1rem;font-weight:700;cursor:pointer}
.primary:disabled{opacity:.6;cursor:progress}
.replying,.signed-as{margin:0;font-size:.9rem}
.edit-form{display:grid;gap:.5rem;margin:.35rem 0}
.actions .form-error{font-weight:400}
.link-button{background:none;border:0;padding:0;color:var(--accent);cursor:pointer;text-decoration:underline;font-size:inherit}
.pill{position:sticky;top:.75rem;z-index:5;display:block;margin:0 auto .5rem;background:var(--accent);color:#fff;border:0;border-radius:999px;padding:.4rem 1rem;font-weight:700;box-shadow:0 4px 14px rgb(0 0 0/.2);cursor:pointer}
.status{margin:1rem 0}
.threads,.replies{list-style:none;margin:0;padding:0}
.thread{border-top:1px solid var(--line);padding:.9rem 0}
.replies{margin-left:3.25rem}
.replies>li{border-left:2px solid var(--line);padding-left:.9rem;margin-top:.75rem}
.more-replies{border-left:0!important}
.comment{display:flex;gap:.75rem;border-radius:8px;scroll-margin:4rem}
.comment:focus{outline:none}
.comment:focus-visible{outline:2px solid var(--accent)}
.avatar{flex:none;width:2.5rem;height:2.5rem;border-radius:50%;display:grid;place-items:center;font-weight:700;font-size:.9rem;color:#fff;background:#5f6b7a;object-fit:cover}
.main{min-width:0;flex:1}
.meta{font-size:.9rem;line-height:1.4}
.name{font-weight:700}
bdi,[dir=auto]{unicode-bidi:isolate}
.role{margin-left:.3rem;padding:0 .35rem;border:1px solid var(--line);border-radius:999px;font-size:.72rem;color:var(--muted)}
.role-moderator{border-color:var(--accent);color:var(--accent);font-weight:700}
.handle,.edited{color:var(--muted)}
.time{color:var(--muted);text-decoration:none}
.time:hover{text-decoration:underline}
.time::before{content:"· "}
.reply-to{margin:.1rem 0 0;font-size:.85rem;color:var(--muted)}
.reply-to::before{content:"↳ "}
.body{margin:.35rem 0 .25rem;white-space:pre-wrap;overflow-wrap:anywhere}
.body.removed,.pending{color:var(--muted);font-style:italic}
.pending{margin:.25rem 0;font-size:.85rem}
.actions{display:flex;gap:1rem;font-size:.85rem}
.reply{background:none;border:0;padding:0;color:var(--muted);font-weight:700;cursor:pointer}
.reply:hover{color:var(--accent)}
.votes{display:inline-flex;align-items:center;gap:.35rem}
.vote{font-size:.8rem;padding:0 .15rem;background:none;border:0;color:var(--muted);cursor:pointer}
.vote:hover{color:var(--accent)}
.vote[aria-pressed=true]{color:var(--accent)}
.score{font-weight:700;min-width:1ch;text-align:center;color:var(--ink)}
.more{display:block;width:100%;margin-top:1rem;background:#fff;border:1px solid var(--line);border-radius:8px;padding:.6rem;font-weight:700;color:var(--accent);cursor:pointer}
.fresh{animation:parley-in .45s ease-out}
.highlight{animation:parley-glow 2.4s ease-out}
@keyframes parley-in{from{opacity:0;transform:translateY(-6px)}to{opacity:1;transform:none}}
@keyframes parley-glow{0%,40%{background:#fff3c4}100%{background:transparent}}
@media (prefers-reduced-motion:reduce){.fresh,.highlight{animation:none}.highlight{background:#fff3c4}}
.hue-0{background:#8e3b46}.hue-1{background:#9a5b13}.hue-2{background:#6b6a12}.hue-3{background:#3d7317}.hue-4{background:#17784a}.hue-5{background:#0f7374}
.hue-6{background:#1d6690}.hue-7{background:#2f55a8}.hue-8{background:#5b47ae}.hue-9{background:#7c3e9e}.hue-10{background:#983b7f}.hue-11{background:#a13a5a}
@media (max-width:520px){.replies{margin-left:1rem}.compose.is-reply{margin-left:0}.avatar{width:2rem;height:2rem}}
${liveUiCss}`;

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
