/**
 * The comment form and the reader's identity behind it: posting (as a guest, the host's reader or
 * a returning guest), and the guest identity a vote or report needs first.
 */
import { nameSchema, type Comment } from "../../shared/schemas.js";
import type { Api } from "../net/api.client.js";
import { createPoster } from "../services/poster.service.js";
import type { ThreadState } from "../state/thread.state.js";
import { ComposeFormView } from "../views/compose-form.view.js";
import type { Reader } from "./reader.wiring.js";
import { t } from "../i18n/translate.js";

/** What the form needs from the rest of the widget. */
export interface ComposeDeps {
  api: Api;
  articleId: string;
  state: ThreadState;
  reader: Reader;
  /** A comment this reader just posted reaches the page. */
  posted: (comment: Comment) => void;
}

/** The form, and `identify` for votes and reports. */
export interface Composer {
  form: ComposeFormView;
  /** An identity for voting or reporting: the session, or a guest from the form's name. */
  identify: () => Promise<string | null>;
}

/** Builds the form and its poster. */
export function createComposer(deps: ComposeDeps): Composer {
  const { reader } = deps;
  const poster = createPoster({
    api: deps.api,
    articleId: deps.articleId,
    session: reader.session,
    signedIn: (next) => reader.adopt(next),
    signedOnByHost: reader.onHostSession,
    forget: reader.dropGuest,
  });
  const form = new ComposeFormView(
    async (draft) => deps.posted(await poster.post(draft)),
    () => deps.state.handles(),
  );
  const session = reader.session();
  if (session) form.setName(session.user.name);
  const hostSession = reader.hostSession();
  if (hostSession) form.useHostIdentity(hostSession.user.name);

  async function identify(): Promise<string | null> {
    if (reader.session()) return null;
    const name = nameSchema.safeParse(form.nameInput.value);
    if (!name.success) {
      form.nameInput.focus();
      return t("Enter your name in the form above first.");
    }
    try {
      await poster.identify(name.data);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : t("That did not work. Please try again.");
    }
  }

  return { form, identify };
}
