// Shared helpers of the end-to-end tests: the browser, signing in, ingesting.
import { chromium } from "playwright-core";

export const url = process.env.SB_URL;
export const password = process.env.SB_PASSWORD;
const token = process.env.SB_TOKEN;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

// signIn opens a new browser context (its own cookies) signed in as email.
export async function signIn(browser, email, locale = "en-US") {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => { throw new Error("script error on the page: " + e.message); });
  await page.goto(url + "/signin");
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL(url + "/"), page.click('#signin-form button[type="submit"]')]);
  return page;
}

let seq = 0;

// ingest posts a message to the ingest API and returns its external id.
export async function ingest(text, extra = {}) {
  const id = `e2e-${Date.now()}-${seq++}`;
  const body = {
    channel: "mastodon", external_id: id, text, created_at: new Date().toISOString(),
    author: { handle: "@ana@piaille.fr", name: "Ana Martin", followers: 1200 }, ...extra,
  };
  const res = await fetch(url + "/api/v1/ingest", {
    method: "POST", headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  if (res.status !== 202 && res.status !== 200) { throw new Error("ingest: " + res.status + " " + (await res.text())); }
  return id;
}

// api calls the REST API as the admin token.
export async function api(path) {
  const res = await fetch(url + path, { headers: { Authorization: "Bearer " + token } });
  if (!res.ok) { throw new Error(path + ": " + res.status); }
  return res.json();
}

// stored waits until the message with this external id is stored and returns it.
export async function stored(externalId) {
  for (let i = 0; i < 150; i++) {
    const page = await api("/api/v1/messages?limit=50");
    const m = page.items.find((x) => x.external_id === externalId);
    if (m) { return m; }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("message " + externalId + " was not stored");
}
