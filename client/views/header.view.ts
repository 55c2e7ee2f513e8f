/**
 * The bar above the thread: the live comment count with "N reading now", the "Notify of" choice
 * and the sort order.
 */
import type { Notify, Sort } from "../../shared/schemas.js";
import { h, uid } from "./dom.js";
import { t } from "../i18n/translate.js";

// Functions, not constants: the texts are read when the header is built, in the language then set.
const NOTIFY_CHOICES = (): [Notify, string][] => [
  ["none", t("Nothing")],
  ["replies", t("New replies to my comments")],
  ["all", t("All new follow-up comments")],
];

const SORT_CHOICES = (): [Sort, string][] => [
  ["newest", t("Newest")],
  ["oldest", t("Oldest")],
  ["top", t("Most liked")],
];

function select<T extends string>(id: string, choices: [T, string][], value: T): HTMLSelectElement {
  const el = h("select", { id });
  for (const [v, label] of choices)
    el.append(h("option", { value: v, selected: v === value }, label));
  return el;
}

/** Count, Notify of, and Sort by. */
export class HeaderView {
  readonly bar: HTMLElement;
  readonly toolbar: HTMLElement;
  readonly notify: HTMLSelectElement;
  readonly sort: HTMLSelectElement;
  private readonly count = h("h2", { class: "count" });
  private readonly topOption: HTMLOptionElement | undefined;

  /** `presence` is the "N reading now" line, shown beside the count. */
  constructor(bell: HTMLElement, presence: HTMLElement) {
    const notifyId = uid("notify");
    const sortId = uid("sort");
    this.notify = select(notifyId, NOTIFY_CHOICES(), "replies");
    this.sort = select(sortId, SORT_CHOICES(), "newest");
    this.topOption = this.sort.querySelector<HTMLOptionElement>('option[value="top"]') ?? undefined;
    this.bar = h(
      "div",
      { class: "bar" },
      this.count,
      presence,
      h(
        "div",
        { class: "bar-controls" },
        h("label", { for: notifyId }, t("Notify of")),
        this.notify,
        bell,
      ),
    );
    this.toolbar = h(
      "div",
      { class: "toolbar" },
      h("label", { for: sortId }, t("Sort by")),
      this.sort,
    );
    this.setCount(0);
    this.offerTop(false);
  }

  /** Shows the live count of published comments. */
  setCount(count: number): void {
    this.count.textContent = t("{count} Comments", { count });
    this.count.dataset.count = String(count);
  }

  /** "Most liked" is offered only once some comment has a score. */
  offerTop(offer: boolean): void {
    if (this.topOption) this.topOption.hidden = !offer && this.sort.value !== "top";
  }
}
