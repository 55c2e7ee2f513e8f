/**
 * What the embed knows of one article's comments, by id and seq. Every source (first page, later
 * pages, live events, catch-up after a reconnect, the poster's own answer) goes through `accept`,
 * so a comment is shown once and an older copy never overwrites a newer one.
 */
import type { Comment } from "../../shared/schemas.js";

/** How a comment relates to what was known before. */
export type Acceptance = "new" | "changed" | "stale";

/**
 * Readers get an edit held again without its text (body ""); its author and moderators get the
 * same seq with the text. Whichever arrives first, the copy with the text wins.
 */
function fuller(comment: Comment, known: Comment): boolean {
  return known.status === "pending" && known.body === "" && comment.body !== "";
}

/** Comments of one article, deduplicated by id and ordered by seq. */
export class ThreadState {
  private readonly byId = new Map<string, Comment>();
  /** The highest seq seen: the `after` of the next catch-up. */
  lastSeq = 0;

  /** Records a seq from an answer (a page or a join) that may carry no comments. */
  noteSeq(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  /** Takes a comment from any source and says whether it is new, newer, or already known. */
  accept(comment: Comment): Acceptance {
    this.noteSeq(comment.seq);
    const known = this.byId.get(comment.id);
    if (!known) {
      this.byId.set(comment.id, comment);
      return "new";
    }
    if (comment.seq < known.seq || (comment.seq === known.seq && !fuller(comment, known)))
      return "stale";
    this.byId.set(comment.id, comment);
    return "changed";
  }

  /** A new score (votes carry no seq: they change no text, only the number). */
  setScore(id: string, score: number): void {
    const known = this.byId.get(id);
    if (known) this.byId.set(id, { ...known, score });
  }

  /** A known comment. */
  /** Handles of everyone who wrote in the thread (for `@` autocomplete). */
  handles(): string[] {
    return [...this.byId.values()].map((c) => c.author.handle);
  }

  get(id: string): Comment | undefined {
    return this.byId.get(id);
  }

  /** The id of the thread's root comment, following parents as far as they are known. */
  rootOf(comment: Comment): string {
    let current = comment;
    const seen = new Set<string>();
    while (current.parentId && !seen.has(current.id)) {
      seen.add(current.id);
      const parent = this.byId.get(current.parentId);
      if (!parent) return current.parentId;
      current = parent;
    }
    return current.id;
  }

  /** True when any known comment has a score, which makes "Most liked" worth offering. */
  hasScores(): boolean {
    for (const comment of this.byId.values()) if (comment.score > 0) return true;
    return false;
  }
}
