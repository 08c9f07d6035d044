// Photographs the dashboards of a running server into $SB_SHOTS, signed in as
// $SB_EMAIL / $SB_PASSWORD (an analyst), after the airline replay:
//   SB_URL=http://127.0.0.1:18977 SB_EMAIL=analyste@example.com SB_PASSWORD=… \
//   SB_SHOTS=docs/screenshots node bench/replay/dashboard-shots.mjs
import { chromium } from "../../e2e/node_modules/playwright-core/index.mjs";

const { SB_URL: url, SB_EMAIL: email, SB_PASSWORD: password, SB_SHOTS: out } = process.env;
const shots = [
  // the week, by brand: American's wave of 2015-02-22/23 in volume and sentiment
  ["fr-FR", "dashboard-global-week.png", "/dashboards?from=2015-02-16&to=2015-02-24&by=community"],
  // American alone, by class, day by day
  ["fr-FR", "dashboard-american-week.png", "/dashboards/c/american?from=2015-02-16&to=2015-02-24&by=class"],
  // the two days of the wave: terms rising against the 7 days before
  ["en-GB", "dashboard-wave-terms.png", "/dashboards?from=2015-02-22&to=2015-02-23&by=community"],
  // hour by hour around the wave, in English
  ["en-GB", "dashboard-american-hourly.png", "/dashboards/c/american?from=2015-02-21&to=2015-02-24&interval=hour&by=department"],
  // the last 7 days: the SLA and backlog figures of today's work
  ["fr-FR", "dashboard-sla-backlog.png", "/dashboards?by=department"],
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  for (const [locale, file, path] of shots) {
    const ctx = await browser.newContext({ locale, viewport: { width: 1600, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(url + "/signin");
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForURL(url + "/"), page.click('#signin-form button[type="submit"]')]);
    await page.goto(url + path);
    await page.screenshot({ path: `${out}/${file}`, fullPage: true });
    await ctx.close();
  }
} finally {
  await browser.close();
}
