// Photographs the main pages of the inbox into $SB_SHOTS.
import { mkdirSync } from "node:fs";
import { launch, signIn, ingest, stored, api, url } from "./tests/helpers.mjs";

const out = process.env.SB_SHOTS;
mkdirSync(out, { recursive: true });

const seed = [
  ["Mon colis est perdu depuis dix jours, je veux un remboursement, service client nul", "@ana@piaille.fr", "Ana Martin", 120],
  ["Commande livrée abîmée, deuxième fois ce mois-ci. Je demande un geste commercial.", "@paul@mastodon.social", "Paul Durand", 54000],
  ["The app crashes every time I open the invoices page since the last update, on Android 14.", "@devnull@fosstodon.org", "Sam", 800],
  ["Impossible de me connecter depuis ce matin, erreur 500 sur la page de connexion", "@claire@piaille.fr", "Claire B.", 300],
  ["Mon avocat vous envoie une mise en demeure pour la facture du 12 octobre", "@marc@piaille.fr", "Marc Petit", 90],
  ["GDPR request: please delete all the personal data you hold about me (right to be forgotten)", "@lena@mastodon.social", "Lena", 40],
  ["Plusieurs clients signalent une intoxication après avoir mangé votre produit, que faites-vous ?", "@journaliste@piaille.fr", "Rédaction Info", 250000],
  ["Bravo à l'équipe du magasin de Lyon, accueil formidable !", "@julie@piaille.fr", "Julie", 60],
  ["Vous recrutez des alternants en marketing digital pour la rentrée ?", "@theo@piaille.fr", "Théo", 30],
  ["Que fait votre entreprise pour réduire ses émissions de CO2 ? Vos engagements restent flous.", "@green@piaille.fr", "Collectif Vert", 12000],
];

const browser = await launch();
try {
  for (const [text, handle, name, followers] of seed) {
    await ingest(text, { author: { handle, name, followers } });
  }
  const legal = await stored(await ingest("Je vais porter plainte, mon avocat prépare le dossier. Vos CGV sont abusives.", { author: { handle: "@max@piaille.fr", name: "Max", followers: 700 } }));

  console.log("legal message:", legal.id, legal.department, legal.requires_approval);
  const signin = await (await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 720 } })).newPage();
  await signin.goto(url + "/signin");
  await signin.screenshot({ path: `${out}/signin.png` });

  const admin = await signIn(browser, "admin@e2e.test", "fr-FR");
  await admin.goto(url + "/");
  await admin.screenshot({ path: `${out}/inbox.png` });
  await admin.goto(url + "/?sentiment=negative&q=colis");
  await admin.screenshot({ path: `${out}/inbox-filtered.png` });

  const jules = await signIn(browser, "jules@e2e.test", "fr-FR");
  await jules.goto(url + "/m/" + legal.id);
  await jules.fill("#note-body", "@rita peux-tu relire avant envoi ? Le client cite l'article L212-1.");
  await Promise.all([jules.waitForURL(url + "/m/" + legal.id), jules.click('.note-form button[type="submit"]')]);
  await jules.fill("#reply-body", "Bonjour Max, nous avons bien reçu votre message. Notre service juridique revient vers vous sous 48 h.");
  await Promise.all([jules.waitForURL(url + "/m/" + legal.id), jules.click('#composer button[type="submit"]')]);

  const rita = await signIn(browser, "rita@e2e.test", "fr-FR");
  await rita.goto(url + "/m/" + legal.id);
  await jules.reload();
  await jules.waitForSelector("#presence:not([hidden])");
  await jules.screenshot({ path: `${out}/conversation.png`, fullPage: true });
  await rita.goto(url + "/review");
  await rita.screenshot({ path: `${out}/review.png` });

  const en = await signIn(browser, "claire@e2e.test", "en-US");
  await en.goto(url + "/queue/relation-client");
  await en.screenshot({ path: `${out}/queue-agent-en.png` });

  await admin.goto(url + "/admin/users");
  await admin.screenshot({ path: `${out}/users.png`, fullPage: true });
  await admin.locator("tr", { hasText: "claire@e2e.test" }).locator("a").click();
  await admin.fill('input[name="capacity"]', "5");
  await admin.fill('input[name="languages"]', "fr,en");
  await Promise.all([admin.waitForURL(url + "/admin/users"), admin.click('.user-form button[type="submit"]')]);
  await Promise.all([en.waitForURL(/queue/), en.click("#availability")]);
  await admin.goto(url + "/workload");
  await admin.screenshot({ path: `${out}/workload.png`, fullPage: true });

  await admin.goto(url + "/answers/new");
  await admin.fill('input[name="id"]', "colis-perdu");
  await admin.fill('input[name="title"]', "Colis perdu : enquête transporteur");
  await admin.fill('textarea[name="body"]', "Bonjour {{author.name}}, nous sommes désolés pour votre colis. Nous ouvrons une enquête auprès du transporteur et revenons vers vous sous 48 h.");
  await admin.check('input[name="classes"][value="complaint"]');
  await admin.fill('textarea[name="examples"]', "mon colis est perdu\nje n'ai pas reçu ma commande");
  await admin.check('input[name="approve"]');
  await Promise.all([admin.waitForURL(url + "/answers/colis-perdu"), admin.click('#answer-form button[type="submit"]')]);
  await admin.goto(url + "/answers");
  await admin.screenshot({ path: `${out}/answers.png` });
  const complaint = await stored(await ingest("Toujours pas reçu mon colis commandé il y a deux semaines, c'est inadmissible", { author: { handle: "@lou@piaille.fr", name: "Lou", followers: 80 } }));
  await en.goto(url + "/m/" + complaint.id);
  await en.screenshot({ path: `${out}/conversation-suggestion-en.png`, fullPage: true });

  await rita.goto(url + "/mentions");
  await rita.screenshot({ path: `${out}/mentions.png` });
  console.log("screenshots written to " + out);
} finally {
  await browser.close();
}
