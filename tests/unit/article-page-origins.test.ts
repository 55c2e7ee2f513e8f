import { describe, expect, it } from "vitest";
import { trustedOriginsFor, verifyPage } from "../../server/domain/article-page.rules.js";

describe("the origins a page may be claimed on", () => {
  const claim = { url: "https://evil.example/story", title: "Not ours" };

  it("trusts the request's Host only while PUBLIC_URL is unset (development)", () => {
    expect(verifyPage(claim, trustedOriginsFor([], "evil.example"))).not.toBeNull();
  });

  it("with PUBLIC_URL, a made-up Host no longer makes its origin the server's own", () => {
    const origins = trustedOriginsFor([], "evil.example", "https://comments.news.example");
    expect(verifyPage(claim, origins)).toBeNull();
    expect(
      verifyPage({ url: "https://comments.news.example/a", title: "Ours" }, origins),
    ).toMatchObject({ url: "https://comments.news.example/a", title: "Ours" });
  });

  it("keeps ALLOWED_ORIGINS either way", () => {
    const origins = trustedOriginsFor(["https://news.example"], "x", "https://c.news.example");
    expect(verifyPage({ url: "https://news.example/p", title: null }, origins)).not.toBeNull();
  });
});
