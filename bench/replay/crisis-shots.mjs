// Photographs the crisis room of a running server into $SB_SHOTS, signed in
// as $SB_EMAIL / $SB_PASSWORD (an executive): the incidents list, then
// incident $SB_INCIDENT after acknowledging it and setting the holding
// statement from key message $SB_KEY_MESSAGE.
//   SB_URL=http://127.0.0.1:18944 SB_EMAIL=dg@example.com SB_PASSWORD=… SB_INCIDENT=3 \
//   SB_KEY_MESSAGE=attente-annulations SB_SHOTS=docs/screenshots node bench/replay/crisis-shots.mjs
import { chromium } from "../../e2e/node_modules/playwright-core/index.mjs";

const { SB_URL: url, SB_EMAIL: email, SB_PASSWORD: password, SB_INCIDENT: id, SB_KEY_MESSAGE: km, SB_SHOTS: out } = process.env;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  const page = await (await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 860 } })).newPage();
  await page.goto(url + "/signin");
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL(url + "/"), page.click('#signin-form button[type="submit"]')]);
  await page.goto(url + "/crisis");
  await page.screenshot({ path: `${out}/crisis-list.png` });
  await page.goto(`${url}/crisis/${id}`);
  if (await page.locator("#ack").count()) {
    await Promise.all([page.waitForURL(`${url}/crisis/${id}`), page.click("#ack")]);
  }
  await page.selectOption('select[name="answer_id"]', km);
  await Promise.all([page.waitForURL(`${url}/crisis/${id}`), page.click('form[action$="/holding"] button[type="submit"]')]);
  await page.screenshot({ path: `${out}/crisis-room.png`, fullPage: true });
} finally {
  await browser.close();
}
