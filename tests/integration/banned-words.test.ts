/**
 * Banned words on a real server: whole words, case- and accent-insensitive; `hold` holds the
 * comment for review, `reject` refuses it (edits included); moderators are not checked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { moderatorToken, SSO_TEST_SECRET } from "../helpers/trust.js";

describe("banned words", () => {
  let hold: TestServer;
  let reject: TestServer;
  beforeAll(async () => {
    const env = { BANNED_WORDS: "darn, cafe", SSO_SECRET: SSO_TEST_SECRET };
    hold = await startTestServer({ env: { ...env, BANNED_WORDS_ACTION: "hold" } });
    reject = await startTestServer({ env: { ...env, BANNED_WORDS_ACTION: "reject" } });
  });
  afterAll(async () => {
    await hold.stop();
    await reject.stop();
  });

  const post = (server: TestServer, token: string, body: string) =>
    api(server.url, "POST", "/api/articles/words/comments", { token, body: { body } });

  it("holds whole words, case- and accent-insensitively, when the action is hold", async () => {
    const g = await guest(hold.url);
    for (const body of ["Darn it", "DARN!", "a CAFÉ here", "Café, again"])
      expect((await post(hold, g.token, body)).json.comment.status, body).toBe("pending");
    for (const body of ["darnation", "cafeteria", "fine words"])
      expect((await post(hold, g.token, body)).json.comment.status, body).toBe("published");
    // A moderator's own words are published.
    expect((await post(hold, await moderatorToken(), "darn")).json.comment.status).toBe(
      "published",
    );
  });

  it("rejects with invalid_input when the action is reject, also on edit", async () => {
    const g = await guest(reject.url);
    const refused = await post(reject, g.token, "oh darn");
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe("invalid_input");
    const ok = await post(reject, g.token, "clean");
    expect(ok.status).toBe(201);
    const edit = await api(reject.url, "PATCH", `/api/comments/${ok.json.comment.id}`, {
      token: g.token,
      body: { body: "now with Darn" },
    });
    expect(edit.status).toBe(400);
    const page = await api(reject.url, "GET", "/api/articles/words/comments");
    expect(page.json.threads.map((t: { comment: { body: string } }) => t.comment.body)).toEqual([
      "clean",
    ]);
  });
});
