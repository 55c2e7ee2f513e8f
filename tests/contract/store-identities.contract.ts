/**
 * Host (single sign-on) users in the Store contract: found by the host's sub, given Parley's own
 * id and a hashed handle that never clashes and never looks like a guest's, refreshed only by a
 * newer token.
 */
import { describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids.js";
import type { ExternalUser } from "../../server/store/store.js";
import { at, guest, type GetStore } from "./store-fixtures.js";

/** A first sign-in of `subject`, as the auth service makes it. */
function signIn(subject: string, extra: Partial<ExternalUser> = {}): ExternalUser {
  return {
    id: newId(),
    subject,
    issuedAt: 1_800_000_000,
    name: "Same Name",
    email: null,
    avatarUrl: null,
    role: "member",
    createdAt: at(),
    ...extra,
  };
}

export function describeIdentityContract(get: GetStore): void {
  describe("host identities", () => {
    it("finds a host user by sub, keeps its first id, refreshes it from a newer token", async () => {
      const subject = `ada-${newId()}@example.com`;
      const first = signIn(subject, { name: "Ada", email: "ada@example.com" });
      const created = await get().upsertExternalUser(first);
      expect(created).toMatchObject({ id: first.id, name: "Ada", role: "member" });
      expect(created.handle).toMatch(/^ada-[0-9a-f]{6,}$/);
      expect(await get().getExternalUser(subject)).toEqual(created);

      const updated = await get().upsertExternalUser(
        signIn(subject, {
          name: "Ada L.",
          avatarUrl: "https://example.com/ada.png",
          role: "moderator",
          issuedAt: first.issuedAt + 10,
        }),
      );
      expect(updated).toEqual({
        ...created,
        name: "Ada L.",
        email: null,
        avatarUrl: "https://example.com/ada.png",
        role: "moderator",
      });
      expect(await get().getUser(first.id)).toEqual(updated);
    });

    it("ignores claims from a token older than the stored ones", async () => {
      const subject = `mod-${newId()}`;
      await get().upsertExternalUser(signIn(subject, { role: "moderator", issuedAt: 100 }));
      const demoted = await get().upsertExternalUser(
        signIn(subject, { role: "member", issuedAt: 200 }),
      );
      expect(demoted.role).toBe("member");
      const stale = await get().upsertExternalUser(
        signIn(subject, { role: "moderator", name: "Old", issuedAt: 150 }),
      );
      expect(stale).toEqual(demoted);
      expect(await get().getExternalUser(subject)).toEqual(demoted);
    });

    it("gives subs that used to collide distinct users and handles", async () => {
      const tag = newId();
      const long = "x".repeat(40);
      const subjects = [
        `José-${tag}`,
        `Josè-${tag}`,
        `张伟-${tag}`,
        `李娜-${tag}`,
        `alice@example.com-${tag}`,
        `alice+example.com-${tag}`,
        `${long}${tag}-1`,
        `${long}${tag}-2`,
        `guest_100001-${tag}`,
      ];
      const users = [];
      for (const subject of subjects) users.push(await get().upsertExternalUser(signIn(subject)));
      expect(new Set(users.map((u) => u.id)).size).toBe(subjects.length);
      expect(new Set(users.map((u) => u.handle)).size).toBe(subjects.length);
      for (const [i, user] of users.entries()) {
        expect(user.handle).not.toMatch(/^guest_\d+$/);
        expect(user.id).not.toContain(subjects[i]!.slice(0, 4));
        expect(await get().getExternalUser(subjects[i]!)).toEqual(user);
      }
    });

    it("derives a handle from any name, and never a guest's", async () => {
      const names = ["张伟", "José Ñúñez", "guest_100001", "   ", "a".repeat(50), "<b>x</b>"];
      for (const name of names) {
        const user = await get().upsertExternalUser(signIn(`n-${newId()}`, { name }));
        expect(user.handle).toMatch(/^[a-z0-9_]{1,20}-[0-9a-f]{6,}$/);
        expect(user.handle).not.toMatch(/^guest_\d+$/);
      }
      expect((await guest(get())).handle).toMatch(/^guest_\d+$/);
    });
  });
}
