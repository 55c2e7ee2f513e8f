// Where a link found in a comment ends: sentence punctuation after an address is not part of it,
// but a closing parenthesis the address opened is.
import { describe, expect, it } from "vitest";
import { trimAddress } from "../../client/views/linkify.js";

describe("trimAddress", () => {
  it("keeps a parenthesis the address opened, even before a full stop", () => {
    expect(trimAddress("https://en.wikipedia.org/wiki/Foo_(bar).")).toBe(
      "https://en.wikipedia.org/wiki/Foo_(bar)",
    );
    expect(trimAddress("https://en.wikipedia.org/wiki/Foo_(bar)),")).toBe(
      "https://en.wikipedia.org/wiki/Foo_(bar)",
    );
    expect(trimAddress("https://en.wikipedia.org/wiki/Foo_(bar)")).toBe(
      "https://en.wikipedia.org/wiki/Foo_(bar)",
    );
  });

  it("drops a parenthesis that closes the sentence around the address", () => {
    expect(trimAddress("https://a.example/x)")).toBe("https://a.example/x");
    expect(trimAddress("https://a.example/x).")).toBe("https://a.example/x");
    expect(trimAddress("https://a.example/(x)y)")).toBe("https://a.example/(x)y");
  });

  it("drops trailing sentence punctuation and quotes", () => {
    expect(trimAddress("https://a.example/path.")).toBe("https://a.example/path");
    expect(trimAddress('https://a.example/path?!"')).toBe("https://a.example/path");
    expect(trimAddress("https://a.example/a.b")).toBe("https://a.example/a.b");
    expect(trimAddress("https://a.example/list]")).toBe("https://a.example/list");
  });
});
