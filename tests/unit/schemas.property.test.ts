/**
 * Property tests (fast-check) for the contract's input rules in shared/schemas.ts: comment bodies,
 * display names, client keys and article ids, and payloads of the wrong type, which must be
 * rejected as data (a failed parse), never by throwing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { articleIdPattern, limits } from "../../shared/limits.js";
import {
  articleIdSchema,
  bodySchema,
  clientKeySchema,
  commentPostPayload,
  createSessionInput,
  hasControlChars,
  nameSchema,
  postCommentBody,
} from "../../shared/schemas.js";

/** Every character JavaScript's String.prototype.trim removes. */
const WHITE_SPACE = [
  ..." \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a",
  ..."\u2028\u2029\u202f\u205f\u3000\ufeff",
];
const CONTROL = [
  ...Array.from({ length: 32 }, (_, i) => i),
  ...Array.from({ length: 33 }, (_, i) => 0x7f + i),
].map((code) => String.fromCharCode(code));

const space = fc.constantFrom(...WHITE_SPACE);
const padding = fc.array(space, { maxLength: 6 }).map((s) => s.join(""));
/** Any text, including astral characters, lone surrogates and controls. */
const anyText = (maxLength: number) => fc.string({ unit: "binary", maxLength });
/** Wrong-typed payloads: everything JSON (and a little more) that is not a string. */
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  fc.bigInt(),
);
/** Anything at all, for whole payloads. */
const anything = fc.oneof(fc.anything(), notAString, fc.string());

function accepts<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success)
    throw new Error(`rejected ${JSON.stringify(value)}: ${parsed.error.message}`);
  return parsed.data;
}
const rejects = (schema: z.ZodMiniType, value: unknown) => !z.safeParse(schema, value).success;

describe("bodySchema", () => {
  it("accepts any text without NUL whose trimmed length is 1..5000, returned trimmed exactly", () => {
    fc.assert(
      fc.property(anyText(limits.bodyMaxChars), padding, padding, (core, before, after) => {
        const input = before + core.replaceAll("\u0000", "") + after;
        const trimmed = input.trim();
        fc.pre(trimmed.length >= 1 && trimmed.length <= limits.bodyMaxChars);
        expect(accepts(bodySchema, input)).toBe(trimmed);
      }),
      { numRuns: 300 },
    );
  });

  it("accepts exactly 5000 characters, however padded, and keeps inner white space and HTML", () => {
    const max = "x".repeat(limits.bodyMaxChars - 2);
    expect(accepts(bodySchema, `\n\t a${max}b \r\n`)).toBe(`a${max}b`);
    expect(accepts(bodySchema, "  <script>alert(1)</script>\n\nsecond line ")).toBe(
      "<script>alert(1)</script>\n\nsecond line",
    );
  });

  it("rejects NUL anywhere (PostgreSQL cannot store it)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.nat(), (text, at) => {
        const i = at % (text.length + 1);
        expect(rejects(bodySchema, `${text.slice(0, i)}\u0000${text.slice(i)}x`)).toBe(true);
      }),
    );
  });

  it("rejects empty and white-space-only text", () => {
    fc.assert(
      fc.property(fc.array(space, { maxLength: 50 }), (chars) => {
        expect(rejects(bodySchema, chars.join(""))).toBe(true);
      }),
    );
  });

  it("rejects text longer than 5000 characters after trimming", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), padding, (extra, pad) => {
        const input = pad + "y".repeat(limits.bodyMaxChars + extra) + pad;
        expect(rejects(bodySchema, input)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("rejects non-strings without throwing", () => {
    fc.assert(
      fc.property(notAString, (value) => {
        expect(rejects(bodySchema, value)).toBe(true);
      }),
    );
  });
});

describe("nameSchema", () => {
  /** Names without control characters; may still be white space only. */
  const clean = fc.string({ unit: "grapheme", maxLength: 60 }).filter((s) => !hasControlChars(s));

  it("accepts 1..50 characters after trimming, returned trimmed", () => {
    fc.assert(
      fc.property(clean, (core) => {
        const input = ` ${core} `;
        const trimmed = input.trim();
        fc.pre(trimmed.length >= 1 && trimmed.length <= limits.nameMaxChars);
        expect(accepts(nameSchema, input)).toBe(trimmed);
      }),
      { numRuns: 300 },
    );
    expect(accepts(nameSchema, "n".repeat(50))).toBe("n".repeat(50));
    expect(accepts(nameSchema, "Zoë Ünal-Ő'Brien 李")).toBe("Zoë Ünal-Ő'Brien 李");
  });

  it("rejects any name holding a control character (tabs and newlines too)", () => {
    fc.assert(
      fc.property(clean, fc.constantFrom(...CONTROL), fc.nat(), (name, control, at) => {
        const base = name.trim() === "" ? "Reader" : name.trim().slice(0, 40);
        const i = at % (base.length + 1);
        // Inside the name, so trimming cannot remove it.
        const input = `a${base.slice(0, i)}${control}${base.slice(i)}b`;
        expect(rejects(nameSchema, input)).toBe(true);
      }),
    );
  });

  it("rejects a control character at either end unless trimming removes it (tab, newline)", () => {
    const trimmable = new Set(WHITE_SPACE);
    for (const control of CONTROL) {
      for (const input of [`${control}Ada`, `Ada${control}`]) {
        const parsed = z.safeParse(nameSchema, input);
        expect(parsed.success, JSON.stringify(input)).toBe(trimmable.has(control));
        if (parsed.success) expect(parsed.data).toBe("Ada");
      }
    }
  });

  it("rejects empty, white-space-only and over-long names", () => {
    expect(rejects(nameSchema, "")).toBe(true);
    expect(rejects(nameSchema, " \u3000 ")).toBe(true);
    expect(rejects(nameSchema, "n".repeat(51))).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 51, max: 500 }), (n) => {
        expect(rejects(nameSchema, "m".repeat(n))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("rejects non-strings without throwing", () => {
    fc.assert(
      fc.property(notAString, (value) => {
        expect(rejects(nameSchema, value)).toBe(true);
      }),
    );
  });
});

describe("createSessionInput", () => {
  it("takes a name and an optional e-mail, and returns the trimmed name", () => {
    expect(accepts(createSessionInput, { name: "  Ada  " })).toEqual({ name: "Ada" });
    expect(accepts(createSessionInput, { name: "Ada", email: "ada@example.org" })).toEqual({
      name: "Ada",
      email: "ada@example.org",
    });
    expect(rejects(createSessionInput, { name: "Ada", email: "not an e-mail" })).toBe(true);
    expect(rejects(createSessionInput, {})).toBe(true);
  });

  it("rejects a name of the wrong type, and payloads that are not objects, without throwing", () => {
    fc.assert(
      fc.property(notAString, (name) => {
        expect(rejects(createSessionInput, { name })).toBe(true);
        expect(rejects(createSessionInput, name)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.anything())), (payload) => {
        expect(rejects(createSessionInput, payload)).toBe(true);
      }),
    );
  });
});

describe("postCommentBody and commentPostPayload", () => {
  it("accept a body with an optional parentId (or null) and clientKey", () => {
    expect(accepts(postCommentBody, { body: " hi " })).toEqual({ body: "hi" });
    expect(
      accepts(postCommentBody, { body: "hi", parentId: null, clientKey: "k".repeat(8) }),
    ).toEqual({ body: "hi", parentId: null, clientKey: "k".repeat(8) });
    expect(accepts(commentPostPayload, { articleId: "a-1", body: "hi" })).toEqual({
      articleId: "a-1",
      body: "hi",
    });
  });

  it("reject any field of the wrong type without throwing", () => {
    fc.assert(
      fc.property(
        notAString,
        fc.constantFrom("body", "parentId", "clientKey", "articleId"),
        (bad, field) => {
          fc.pre(!(field === "parentId" && (bad === null || bad === undefined)));
          fc.pre(!(field !== "body" && field !== "articleId" && bad === undefined));
          const payload = { articleId: "article-1", body: "hello", [field]: bad };
          expect(rejects(commentPostPayload, payload)).toBe(true);
        },
      ),
    );
  });

  it("reject whole payloads that are not objects without throwing", () => {
    fc.assert(
      fc.property(fc.oneof(notAString, fc.string(), fc.array(fc.anything())), (payload) => {
        expect(rejects(postCommentBody, payload)).toBe(true);
        expect(rejects(commentPostPayload, payload)).toBe(true);
      }),
    );
  });

  it("never throw on anything at all", () => {
    fc.assert(
      fc.property(anything, (payload) => {
        expect(() => z.safeParse(commentPostPayload, payload)).not.toThrow();
        expect(() => z.safeParse(createSessionInput, payload)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe("clientKeySchema", () => {
  it("accepts 8..64 characters unchanged and rejects other lengths", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii", minLength: 0, maxLength: 100 }), (key) => {
        const ok = key.length >= limits.clientKeyMinChars && key.length <= limits.clientKeyMaxChars;
        const parsed = z.safeParse(clientKeySchema, key);
        expect(parsed.success).toBe(ok);
        if (parsed.success) expect(parsed.data).toBe(key);
      }),
    );
    fc.assert(
      fc.property(notAString, (value) => {
        expect(rejects(clientKeySchema, value)).toBe(true);
      }),
    );
  });
});

describe("articleIdSchema", () => {
  const allowed = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~:-"];

  it("accepts 1..128 characters of [A-Za-z0-9._~:-] but . and ..", () => {
    for (const id of ["...", ".a", "a..", "~"]) expect(accepts(articleIdSchema, id)).toBe(id);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...allowed), { minLength: 1, maxLength: 128 }),
        (chars) => {
          const id = chars.join("");
          fc.pre(id !== "." && id !== "..");
          expect(accepts(articleIdSchema, id)).toBe(id);
        },
      ),
    );
  });

  it("agrees with the contract's pattern on any text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText(140),
          fc
            .array(fc.constantFrom(...allowed, "/", " ", "é", "\n"), { maxLength: 140 })
            .map((c) => c.join("")),
        ),
        (id) => {
          expect(z.safeParse(articleIdSchema, id).success).toBe(articleIdPattern.test(id));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects empty, 129 characters, paths, dot segments, spaces and a trailing newline", () => {
    for (const id of [
      "",
      "a".repeat(129),
      "a/b",
      "../x",
      ".",
      "..",
      "a b",
      "a\n",
      "é",
      "a?b",
      "a#b",
    ]) {
      expect(rejects(articleIdSchema, id), JSON.stringify(id)).toBe(true);
    }
    fc.assert(
      fc.property(notAString, (value) => {
        expect(rejects(articleIdSchema, value)).toBe(true);
      }),
    );
  });
});
