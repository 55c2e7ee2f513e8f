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
  return `<!doctype html><html lang="en"><head><title>Host article</title></head><body>
<main><h1>A host's article</h1><p>Words.</p>
<div data-parley-article="host-story-1" data-parley-token="${token}"></div></main>
<script src="${serverUrl}/embed.js" async></script></body></html>`;
}

describe.skipIf(!ready)("embed on a host site with single sign-on", () => {
  let server: TestServer;
  let browser: Browser;
  let host: Server;
  let hostOrigin: string;
  let token = "";

  beforeAll(async () => {
    // The host site: its own tiny server, so its pages have an origin of their own.
    host = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(hostPage(server.url, token));
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
    server = await startTestServer({ env: { SSO_SECRET, ALLOWED_ORIGINS: hostOrigin } });
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
});
