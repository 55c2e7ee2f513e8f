/** Comment HTML to plain text, and the article-id rules with the examples docs/import.md gives. */
import { describe, expect, it } from "vitest";
import { articleIdFor } from "../../server/import/article-id.js";
import { htmlToText } from "../../server/import/html-to-text.js";
import { cutTo } from "../../server/import/import.runner.js";
import type { SourceArticle } from "../../server/import/source.js";

describe("htmlToText", () => {
  it.each([
    ["plain text stays", "Just words.", "Just words."],
    ["WordPress newlines: paragraphs and breaks", "One\n\nTwo\nthree", "One\n\nTwo\nthree"],
    ["<p> and <br>", "<p>One</p><p>Two<br>three<br />four</p>", "One\n\nTwo\nthree\nfour"],
    [
      "a link keeps its URL",
      'See <a href="https://x.example/a?b=1&amp;c=2">this</a>.',
      "See this (https://x.example/a?b=1&c=2).",
    ],
    [
      "a bare link is its URL",
      '<a href="https://x.example/">https://x.example/</a>',
      "https://x.example/",
    ],
    [
      "entities decoded once, unknown names kept",
      "&lt;b&gt; &amp;amp; caf&eacute; &#8220;q&#x201D; &hellip; &bogus;",
      "<b> &amp; café “q” … &bogus;",
    ],
    [
      "no markup left",
      "<strong>bold</strong> <em>it</em> <code>x</code> <img src=x onerror=alert(1)>",
      "bold it x",
    ],
    ["lists", "<ul><li>a</li><li>b</li></ul>", "- a\n- b"],
    ["scripts dropped with their content", "hi<script>alert(1)</script><style>p{}</style>", "hi"],
    ["blank runs collapse", "a   b\n\n\n\n\nc  ", "a b\n\nc"],
    ["control characters go", "a\u0007b\u0000c", "abc"],
    ["a javascript: link keeps only its words", '<a href="javascript:alert(1)">click</a>', "click"],
  ])("%s", (_, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe("article-id rules", () => {
  const article = (fields: Partial<SourceArticle>): SourceArticle => ({
    postId: "42",
    slug: "hello-world",
    url: "https://news.example/2024/05/hello-world/",
    title: "Hello",
    line: 1,
    comments: [],
    ...fields,
  });

  it("id: the post id (WordPress) or thread identifier (Disqus), cleaned", () => {
    expect(articleIdFor("id", article({}))).toBe("42");
    expect(articleIdFor("id", article({ postId: "42 https://news.example/?p=42" }))).toBe(
      "42_https:__news.example__p_42",
    );
  });

  it("slug: the post slug, else the URL's last segment", () => {
    expect(articleIdFor("slug", article({}))).toBe("hello-world");
    expect(articleIdFor("slug", article({ slug: null }))).toBe("hello-world");
    expect(articleIdFor("slug", article({ slug: "%e4%b8%ad" }))).toBe("_e4_b8_ad");
  });

  it("path: the URL path without outer slashes, / as :, the front page as index", () => {
    expect(articleIdFor("path", article({}))).toBe("2024:05:hello-world");
    expect(articleIdFor("path", article({ url: "https://news.example/?p=42" }))).toBe("index");
    expect(articleIdFor("path", article({ url: "https://news.example/about/team.html" }))).toBe(
      "about:team.html",
    );
    expect(articleIdFor("path", article({ url: null }))).toBeNull();
    expect(
      articleIdFor("path", article({ url: `https://x.example/${"a".repeat(200)}` })),
    ).toBeNull();
  });
});

describe("cutTo", () => {
  it("cuts to UTF-16 units, never inside a character, adding the tail only when cut", () => {
    expect(cutTo("short", 10, "…")).toBe("short");
    expect(cutTo("😀😀😀", 5)).toBe("😀😀");
    expect(cutTo("abcdef", 4, "…")).toBe("abc…");
  });
});
