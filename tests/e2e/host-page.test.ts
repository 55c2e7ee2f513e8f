/**
 * Identity edge cases. The embed on a host site's own page, on another origin, with the host's single sign-on: the
 * reader is named by the host's JWT (no Name field, no guest identity stored), and the comment
 * goes through cross-origin HTTP and Socket.IO allowed by ALLOWED_ORIGINS.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT } from "jose";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { chromiumReady, commentByText, launchBrowser, openPage } from "./browser.helper.js";

const ready = await chromiumReady();
const SSO_SECRET = "host-site-sso-secret-0123456789-abcdef";

function hostPage(serverUrl: string, token: string): string {
  // As docs/sso.md shows a host doing it: on parley:token-expired, fetch a fresh token from the
  // host's own back end and set it on the element.
  return `<!doctype html><html lang="en"><head><title>Host article</title></head><body>
<main><h1>A host's article</h1><p>Words.</p>
<div data-parley-article="host-story-1" data-parley-token="${token}"></div></main>
<script>
document.addEventListener("parley:token-expired", async (event) => {
  const fresh = await (await fetch("/token")).text();
  event.target.dataset.parleyToken = fresh;
  document.body.dataset.tokenRefreshed = String(Number(document.body.dataset.tokenRefreshed || 0) + 1);
});
</script>
<script src="${serverUrl}/embed.js" async></script></body></html>`;
}

/** Rita's host token, issued at `now` (the Parley server's clock), valid an hour. */
function ritaToken(now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ name: "Rita Member" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("rita-42")
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(new TextEncoder().encode(SSO_SECRET));
}

describe.skipIf(!ready)("embed on a host site with single sign-on", () => {
  let server: TestServer;
  let browser: Browser;
  let host: Server;
  let hostOrigin: string;
  let token = "";
  // Parley's clock runs this far ahead of the real one: a test moves it to end a token.
  let aheadMs = 0;
  const parleyNow = () => new Date(Date.now() + aheadMs);

  beforeAll(async () => {
    // The host site: its own tiny server, so its pages have an origin of their own. It signs a
    // fresh token at /token, as a host's back end would for its signed-in reader.
    host = createServer((req, res) => {
      if (req.url === "/token") {
        void ritaToken(parleyNow()).then((fresh) => {
          res.writeHead(200, { "content-type": "text/plain" });
          res.end(fresh);
        });
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(hostPage(server.url, token));
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
    server = await startTestServer({
      env: { SSO_SECRET, ALLOWED_ORIGINS: hostOrigin },
      clock: { now: parleyNow },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => host?.close(resolve));
  });

  it("posts as the host's signed-in reader, cross-origin", async () => {
    token = await new SignJWT({ name: "Rita Member" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("rita-42")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(SSO_SECRET));
    const context = await browser.newContext();
    const { page } = await openPage(context, `${hostOrigin}/story`);
    expect(await page.getByLabel("Name", { exact: true }).isHidden()).toBe(true);
    await page.getByText("Commenting as Rita Member").waitFor();

    await page.getByLabel("Comment", { exact: true }).fill("Signed in by the host site.");
    await page.getByRole("button", { name: "Post Comment" }).click();
    const article = commentByText(page, "Signed in by the host site.");
    await article.waitFor();
    expect(await article.locator(".name").textContent()).toBe("Rita Member");
    expect(await page.evaluate(() => localStorage.getItem("parley:session"))).toBeNull();
    await context.close();
  });

  it("reads and posts normally when the token kept on this device is no longer accepted", async () => {
    const context = await browser.newContext();
    const stale = {
      token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJnb25lIn0.c3RhbGU",
      user: { id: "gone", name: "Old Me", handle: "guest_1", avatarUrl: null, role: "guest" },
    };
    await context.addInitScript((value) => {
      if (!localStorage.getItem("parley:session")) localStorage.setItem("parley:session", value);
    }, JSON.stringify(stale));
    const { page } = await openPage(context, `${server.url}/`);
    await page.getByLabel("Name", { exact: true }).fill("New Me");
    await page.getByLabel("Comment", { exact: true }).fill("Posted after a stale token.");
    await page.getByRole("button", { name: "Post Comment" }).click();
    const article = commentByText(page, "Posted after a stale token.");
    await article.waitFor();
    expect(await article.locator(".name").textContent()).toBe("New Me");
    await context.close();
  });

  it("asks the host page for a fresh token when the token expires, and keeps the reader signed in", async () => {
    aheadMs = 0;
    token = await ritaToken(parleyNow());
    const context = await browser.newContext();
    const { page } = await openPage(context, `${hostOrigin}/story`);
    await page.getByText("Commenting as Rita Member").waitFor();
    await page.getByLabel("Comment", { exact: true }).fill("Before the token ran out.");
    await page.getByRole("button", { name: "Post Comment" }).click();
    const before = commentByText(page, "Before the token ran out.");
    // Parley's own id for Rita reached the embed (session:updated): her comment is hers to edit.
    await before.getByRole("button", { name: "Edit" }).waitFor();

    // Two hours later on Parley's clock the token is over: the embed asks the page for another.
    aheadMs = 2 * 3600_000;
    await page.locator("body[data-token-refreshed='1']").waitFor({ state: "attached" });
    await page.locator('[data-parley-status="live"]').waitFor({ state: "attached" });
    await page.getByLabel("Comment", { exact: true }).fill("After a fresh token.");
    await page.getByRole("button", { name: "Post Comment" }).click();
    const after = commentByText(page, "After a fresh token.");
    await after.getByRole("button", { name: "Edit" }).waitFor();
    // Still Rita as the host signed her in, not a guest made up from her name.
    const rita = await server.store.getExternalUser("rita-42");
    const res = await fetch(`${server.url}/api/articles/host-story-1/comments?limit=100`);
    const page1 = (await res.json()) as {
      threads: { comment: { body: string; author: { id: string } } }[];
    };
    const posted = page1.threads.find((t) => t.comment.body === "After a fresh token.");
    expect(posted?.comment.author.id).toBe(rita?.id);
    expect(await page.evaluate(() => localStorage.getItem("parley:session"))).toBeNull();
    aheadMs = 0;
    await context.close();
  });
});
