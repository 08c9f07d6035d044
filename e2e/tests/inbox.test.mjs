// The inbox in a real browser: sign in, live queues, assign, re-route,
// review and sending, XSS, department scoping.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, signIn, ingest, stored, api, url } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const complaint = "Mon colis est perdu depuis dix jours, je veux un remboursement, service client nul";
const legal = "Mon avocat vous envoie une mise en demeure pour la facture";

test("sign in: a wrong password is refused, the right one opens the agent's queues only", async () => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto(url + "/");
  assert.match(page.url(), /\/signin/);
  await page.fill('input[name="email"]', "claire@e2e.test");
  await page.fill('input[name="password"]', "not the password");
  await page.click('#signin-form button[type="submit"]');
  await page.getByText("Wrong email or password.").waitFor();
  await context.close();

  const agent = await signIn(browser, "claire@e2e.test");
  await agent.locator('#queues a[href="/queue/relation-client"]').waitFor();
  assert.equal(await agent.locator('#queues a[href="/queue/juridique"]').count(), 0);
  await agent.context().close();
});

test("a message posted to the ingest API appears in the right queue without reload, and the count goes up", async () => {
  const page = await signIn(browser, "claire@e2e.test");
  await page.goto(url + "/queue/relation-client");
  await page.waitForFunction(() => document.body.getAttribute("data-live") === "on");
  const count = page.locator('[data-count="relation-client"]');
  const before = Number(await count.textContent());
  const text = complaint + " (live " + Date.now() + ")";
  await ingest(text);
  await page.locator("#rows .row", { hasText: text }).waitFor({ timeout: 15000 });
  await page.waitForFunction((n) => Number(document.querySelector('[data-count="relation-client"]').textContent) === n + 1, before);
  await page.context().close();
});

test("assign (claim) and re-route a conversation", async () => {
  const ext = await ingest(complaint + " (assign " + Date.now() + ")");
  const m = await stored(ext);
  assert.equal(m.department, "relation-client");
  const page = await signIn(browser, "claire@e2e.test");
  await page.goto(url + "/m/" + m.id);
  await Promise.all([page.waitForURL(url + "/m/" + m.id), page.keyboard.press("a")]); // the claim key
  await page.getByText("assigned to Claire Client").waitFor();

  await page.selectOption('#reroute-form select[name="department"]', "support-produit");
  await page.fill('#reroute-form input[name="reason"]', "a delivery bug, not a complaint");
  await Promise.all([page.waitForURL(url + "/queue/relation-client"), page.click('#reroute-form button[type="submit"]')]);
  const after = await api("/api/v1/messages/" + m.id);
  assert.equal(after.message.department, "support-produit");
  assert.equal(after.message.class, "technical");
  const last = after.decisions[after.decisions.length - 1];
  assert.equal(last.kind, "correction");
  assert.equal(last.reason, "a delivery bug, not a complaint");
  await page.context().close();
});

test("a reply that needs approval waits for a reviewer, who approves it, and it is sent", async () => {
  const m = await stored(await ingest(legal + " " + Date.now()));
  // Legal words route to juridique; an open crisis incident may route to general management.
  assert.ok(["juridique", "direction-generale"].includes(m.department), m.department);
  assert.equal(m.requires_approval, true);
  const agent = await signIn(browser, "jules@e2e.test");
  await agent.goto(url + "/m/" + m.id);
  await agent.keyboard.press("r"); // the reply key focuses the composer
  await agent.keyboard.type("Nous avons bien reçu votre courrier et revenons vers vous.");
  await Promise.all([agent.waitForURL(url + "/m/" + m.id), agent.click('#composer button[type="submit"]')]);
  await agent.locator(".reply .reply-status", { hasText: "waiting for approval" }).waitFor();

  const reviewer = await signIn(browser, "rita@e2e.test");
  await reviewer.goto(url + "/review");
  const item = reviewer.locator(".pending", { hasText: "Nous avons bien reçu votre courrier" });
  await Promise.all([reviewer.waitForURL(url + "/review"), item.locator("button.approve").click()]);
  assert.equal(await reviewer.locator(".pending", { hasText: "Nous avons bien reçu votre courrier" }).count(), 0);

  for (let i = 0; i < 50; i++) {
    await agent.reload();
    if (await agent.locator(".reply .reply-status", { hasText: /^sent$/ }).count()) { break; }
    await agent.waitForTimeout(200);
  }
  await agent.locator(".reply .reply-status", { hasText: /^sent$/ }).waitFor({ timeout: 1000 });
  await agent.getByText("reviewed by Rita Relectrice").waitFor();
  await agent.context().close();
  await reviewer.context().close();
});

test("a message whose text is an XSS payload renders inert, live and on reload", async () => {
  const page = await signIn(browser, "admin@e2e.test");
  await page.goto(url + "/");
  await page.waitForFunction(() => document.body.getAttribute("data-live") === "on");
  const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> crise: intoxication ${Date.now()}`;
  const m = await stored(await ingest(payload));
  await page.locator("#rows .row", { hasText: "<script>window.__xss=2</script>" }).waitFor({ timeout: 15000 });
  await page.goto(url + "/m/" + m.id);
  assert.equal(await page.locator("#message-text").textContent(), payload);
  assert.equal(await page.locator("#message-text img, #message-text script").count(), 0);
  await page.goto(url + "/");
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await page.context().close();
});

test("an agent cannot open another department's conversation (403)", async () => {
  const m = await stored(await ingest(legal + " (scope " + Date.now() + ")"));
  const page = await signIn(browser, "claire@e2e.test");
  const res = await page.goto(url + "/m/" + m.id);
  assert.equal(res.status(), 403);
  assert.equal(await page.getByText("mise en demeure").count(), 0);
  await page.context().close();
});

test("two people on the same conversation see each other", async () => {
  const m = await stored(await ingest(legal + " (presence " + Date.now() + ")"));
  const jules = await signIn(browser, "jules@e2e.test");
  await jules.goto(url + "/m/" + m.id);
  await jules.waitForTimeout(500);
  assert.equal(await jules.locator("#presence").isVisible(), false, "alone: nobody is shown");
  const rita = await signIn(browser, "rita@e2e.test");
  await rita.goto(url + "/m/" + m.id);
  await rita.locator("#presence", { hasText: "Jules Juriste" }).waitFor();
  await jules.locator("#presence", { hasText: "Rita Relectrice" }).waitFor({ timeout: 20000 }); // Jules polls every 5 s
  await jules.context().close();
  await rita.context().close();
});
