/**
 * A small "Email settings" panel: the reader's address (never shown to others), reply emails on
 * or off, and how often. Saving an address sends it a confirmation link; the panel says so.
 */
import { emailSchema, type EmailPreferences } from "../../shared/schemas.js";
import { h, uid } from "./dom.js";
import { t } from "../i18n/translate.js";

/** The server calls the panel makes (the REST client has them). */
export interface EmailPrefsApi {
  preferences(): Promise<EmailPreferences>;
  putPreferences(
    prefs: Partial<Omit<EmailPreferences, "emailConfirmed">>,
  ): Promise<EmailPreferences>;
}

/** The delivery choices, as the server names them (shared/schemas.ts) and as they are shown. */
const DELIVERIES = ["instant", "hourly", "daily", "off"] as const;

/** The panel (`root`), hidden until the reader is signed in (`setSignedIn`). */
export function emailPrefsView(api: EmailPrefsApi) {
  const [emailId, deliveryId] = [uid("pref-email"), uid("pref-delivery")];
  const email = h("input", { id: emailId, type: "email", maxlength: 254, autocomplete: "email" });
  const replies = h("input", { type: "checkbox" });
  const delivery = h(
    "select",
    { id: deliveryId },
    ...DELIVERIES.map((v) => h("option", { value: v }, t(v))),
  );
  const status = h("p", { class: "prefs-status", role: "status" });
  const save = h("button", { type: "submit" }, t("Save"));
  const form = h(
    "form",
    { class: "email-prefs" },
    h("label", { for: emailId }, t("Email for replies (never shown)")),
    email,
    h("label", {}, replies, t(" Reply emails")),
    h("label", { for: deliveryId }, t("Delivery")),
    delivery,
    save,
    status,
  );
  const root = h(
    "details",
    { class: "email-settings", hidden: true },
    h("summary", {}, t("Email settings")),
    form,
  );

  const show = (p: EmailPreferences) => {
    email.value = p.email ?? "";
    replies.checked = p.emailReplies;
    delivery.value = p.emailDelivery;
    status.textContent =
      p.email && !p.emailConfirmed
        ? t("Check your inbox: follow the link we sent to confirm.")
        : "";
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = email.value.trim();
    const parsed =
      typed === "" ? { success: true as const, data: null } : emailSchema.safeParse(typed);
    if (!parsed.success) {
      status.textContent = t("Please enter a valid email address.");
      return;
    }
    save.disabled = true;
    api
      .putPreferences({
        email: parsed.data,
        emailReplies: replies.checked,
        emailDelivery: delivery.value as EmailPreferences["emailDelivery"],
      })
      .then(show, () => void (status.textContent = t("Could not save. Please try again.")))
      .finally(() => (save.disabled = false));
  });
  // Loaded when opened: most readers never look.
  root.addEventListener("toggle", () => {
    if (root.open) api.preferences().then(show, () => undefined);
  });

  return {
    root,
    /** Shown only to a reader with an identity. */
    setSignedIn(signedIn: boolean) {
      root.hidden = !signedIn;
    },
  };
}
