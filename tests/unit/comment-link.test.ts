import { describe, expect, it } from "vitest";
import { commentIdFromHash, commentLink } from "../../shared/comment-link.js";

describe("comment links", () => {
  it("puts the comment's anchor on the article URL, replacing any fragment", () => {
    expect(commentLink("https://news.example/a", "c1")).toBe(
      "https://news.example/a#parley-comment-c1",
    );
    expect(commentLink("https://news.example/a?x=1#top", "c1")).toBe(
      "https://news.example/a?x=1#parley-comment-c1",
    );
  });

  it("reads the id back from a fragment and ignores anything else", () => {
    expect(commentIdFromHash("#parley-comment-Ab_9-x")).toBe("Ab_9-x");
    expect(commentIdFromHash("parley-comment-c1")).toBe("c1");
    expect(commentIdFromHash("#comments")).toBeNull();
    expect(commentIdFromHash("#parley-comment-")).toBeNull();
    expect(commentIdFromHash("#parley-comment-<img>")).toBeNull();
    expect(commentIdFromHash(`#parley-comment-${"a".repeat(65)}`)).toBeNull();
  });
});
