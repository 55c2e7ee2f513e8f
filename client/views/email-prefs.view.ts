/**
 * A small "Email settings" panel: the reader's address (never shown to others), reply emails on
 * or off, and how often. Saving an address sends it a confirmation link; the panel says so.
 */
import { emailSchema, type EmailPreferences } from "../../shared/schemas.js";
import { h, uid } from "./dom.js";

export interface EmailPrefsApi {
  preferences(): Promise<EmailPreferences>;
  putPreferences(
    prefs: Partial<Omit<EmailPreferences, "emailConfirmed">>,
  ): Promise<EmailPreferences>;
}

export function emailPrefsView(api: EmailPrefsApi) {
  const [emailId, deliveryId] = [uid("pref-email"), uid("pref-delivery")];
  const email = h("input", { id: emailId, type: "email", maxlength: 254, autocomplete: "email" });
  const replies = h("input", { type: "checkbox" });
  const delivery = h(
    "select",
    { id: deliveryId },
    ...["instant", "hourly", "daily", "off"].map((v) => h("option", { value: v }, v)),
  );
  const status = h("p", { class: "prefs-status", role: "status" });
  const save = h("button", { type: "submit" }, "Save");
  const form = h(
    "form",
    { class: "email-prefs" },
    h("label", { for: emailId }, "Email for replies (never shown)"),
    email,
    h("label", {}, replies, " Reply emails"),
    h("label", { for: deliveryId }, "Delivery"),
    delivery,
    save,
    status,
  );
  const root = h(
    "details",
    { class: "email-settings", hidden: true },
    h("summary", {}, "Email settings"),
    form,
  );

  const show = (p: EmailPreferences) => {
    email.value = p.email ?? "";
    replies.checked = p.emailReplies;
    delivery.value = p.emailDelivery;
    status.textContent =
      p.email && !p.emailConfirmed ? "Check your inbox: follow the link we sent to confirm." : "";
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = email.value.trim();
    const parsed =
      typed === "" ? { success: true as const, data: null } : emailSchema.safeParse(typed);
    if (!parsed.success) {
      status.textContent = "Please enter a valid email address.";
      return;
    }
    save.disabled = true;
    api
      .putPreferences({
        email: parsed.data,
        emailReplies: replies.checked,
        emailDelivery: delivery.value as EmailPreferences["emailDelivery"],
      })
      .then(show, () => void (status.textContent = "Could not save. Please try again."))
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
