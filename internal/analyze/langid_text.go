package analyze

// langSamples is text written for Switchboard to build the character
// trigram and word profiles of each language: everyday social, support and
// news register. Each language also gets its most frequent function words.
var langSamples = map[string]string{
	"en": `hi there, my order still has not arrived and nobody answers the phone. this is the worst customer service i have ever seen.
thanks so much for the quick help yesterday, the app works great now and i love the new update!
can you tell me how to reset my password? i tried twice and it keeps saying the link has expired.
we are looking for a partner to equip our offices with your product, could someone send us a quote please
the website is down again, is there an outage in london? i can't log in to my account since this morning.
what about your commitment to the environment and the people who make your clothes? we want answers.
my lawyer will contact you about the data you kept without my consent, this is a breach of the law.
they said the flight would be on time but we waited four hours at the gate with no information at all.
just got the new phone, the battery lasts all day and the camera is amazing, really happy with it.
why do you keep charging me for a subscription that i cancelled last month? i want a refund now.
it was a nice day at the beach with friends, then we went home and watched a movie together.
the company announced today that it would close two factories and move the jobs abroad next year.
does anyone know if the store is open on sunday? i need to return a jacket that does not fit.
people are sharing videos of the fire near the warehouse, is everyone safe? please tell us what happened.
the minister announced new measures against air pollution in major cities, environmental groups remain skeptical.
breaking: heavy storms cancel hundreds of flights across the east coast, travelers stranded at the airports overnight.
just watched the game with my brother, what a comeback in the last quarter, can't believe they won!
the new season of the show starts on friday and i am so excited, who else is watching tonight?
stocks fell sharply after the company reported weaker earnings than expected for the third quarter.
looking forward to the concert this weekend, hopefully the weather will be nice enough to stay outside.
this is what we have been waiting for, well done to the whole team, you should be proud of your work.
the of and to a in is it you that he was for on are with as i his they be at one have this from or had by
but what some we can out other were all there when up use your how said an each she which do their if will
about would them then many these so her make like him into time has look two more write go see number no way
could people my than first water been call who its now find long down day did get come made may part over`,

	"fr": `bonjour, ma commande n'est toujours pas arrivée et personne ne répond au téléphone. c'est le pire service client que j'ai jamais vu.
merci beaucoup pour votre aide hier, l'application marche très bien maintenant et j'adore la nouvelle version !
pouvez-vous me dire comment changer mon mot de passe ? j'ai essayé deux fois et le lien a expiré.
nous cherchons un partenaire pour équiper nos bureaux, est-ce que quelqu'un peut nous envoyer un devis svp
le site est encore en panne, y a-t-il une coupure à paris ? je ne peux plus me connecter depuis ce matin.
et votre engagement pour l'environnement et pour les gens qui fabriquent vos vêtements ? on veut des réponses.
mon avocat va vous contacter au sujet des données que vous avez gardées sans mon consentement, c'est illégal.
ils ont dit que le vol serait à l'heure mais on a attendu quatre heures à la porte sans aucune information.
je viens d'avoir le nouveau téléphone, la batterie tient toute la journée et l'appareil photo est génial, trop content.
pourquoi vous continuez à me facturer un abonnement que j'ai résilié le mois dernier ? je veux être remboursé.
c'était une belle journée à la plage avec les copains, puis on est rentrés chez nous regarder un film ensemble.
l'entreprise a annoncé aujourd'hui qu'elle allait fermer deux usines et déplacer les emplois à l'étranger.
quelqu'un sait si le magasin est ouvert le dimanche ? je dois rendre une veste qui ne me va pas du tout.
des gens partagent des vidéos de l'incendie près de l'entrepôt, tout le monde va bien ? dites-nous ce qui se passe.
c'est exactement ce qu'on attendait, bravo à toute l'équipe, vous pouvez être fiers de votre travail.
la ministre de l'écologie annonce la suspension de la taxe sur les poids lourds, les élus régionaux réagissent.
réchauffement climatique : les glaciers des alpes ont perdu un tiers de leur volume depuis les années soixante.
les associations de défense de l'environnement dénoncent un recul du gouvernement sur la biodiversité.
énergie éolienne et solaire : la france accuse un retard important face à ses voisins européens.
grève à la sncf : trafic très perturbé ce lundi, la direction appelle les voyageurs à reporter leurs déplacements.
on a testé le nouveau forfait, franchement le débit est correct mais le service client laisse à désirer.
quelqu'un a des infos sur la panne géante de ce matin ? plus de réseau mobile dans toute la région.
le président de la région a inauguré hier la nouvelle centrale hydroélectrique en présence des syndicats.
franchement c'est nul, ça marche pas, j'en ai marre de vos bugs, vous êtes vraiment des escrocs.
le la les de des du un une et est en que qui dans pour pas sur au aux avec ce ces il elle ils nous vous je tu on
mais ou donc car ne plus par se sa son ses leur leurs mon ma mes ton ta tes très aussi bien tout tous faire fait
être avoir été comme quand où cette cet même sans sous chez entre après avant encore déjà toujours jamais rien`,

	"es": `hola, mi pedido todavía no ha llegado y nadie contesta el teléfono. es el peor servicio al cliente que he visto.
muchas gracias por la ayuda de ayer, la aplicación funciona muy bien ahora y me encanta la nueva versión.
¿me pueden decir cómo cambiar mi contraseña? lo intenté dos veces y dice que el enlace ha caducado.
buscamos un socio para equipar nuestras oficinas, ¿alguien nos puede enviar un presupuesto por favor?
la página está caída otra vez, ¿hay una avería en madrid? no puedo entrar en mi cuenta desde esta mañana.
¿y vuestro compromiso con el medio ambiente y con las personas que hacen vuestra ropa? queremos respuestas.
mi abogado se pondrá en contacto con ustedes por los datos que guardaron sin mi consentimiento.
dijeron que el vuelo saldría a tiempo pero esperamos cuatro horas en la puerta sin ninguna información.
acabo de recibir el nuevo móvil, la batería dura todo el día y la cámara es increíble, estoy muy contento.
¿por qué me siguen cobrando una suscripción que cancelé el mes pasado? quiero que me devuelvan el dinero.
fue un día bonito en la playa con los amigos, luego volvimos a casa y vimos una película juntos.
la empresa anunció hoy que cerrará dos fábricas y trasladará los empleos al extranjero el año que viene.
el la los las de del un una y es en que por para con no se su sus al lo como más pero sus le ya o este sí
porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni
contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho`,

	"de": `hallo, meine bestellung ist immer noch nicht angekommen und niemand geht ans telefon. das ist der schlechteste kundenservice überhaupt.
vielen dank für die schnelle hilfe gestern, die app funktioniert jetzt super und ich liebe das neue update!
können sie mir sagen, wie ich mein passwort ändern kann? ich habe es zweimal versucht und der link ist abgelaufen.
wir suchen einen partner, um unsere büros auszustatten, könnte uns bitte jemand ein angebot schicken?
die webseite ist schon wieder down, gibt es eine störung in berlin? ich kann mich seit heute morgen nicht anmelden.
und was ist mit eurer verantwortung für die umwelt und die menschen, die eure kleidung herstellen? wir wollen antworten.
mein anwalt wird sie wegen der daten kontaktieren, die sie ohne meine zustimmung gespeichert haben.
sie sagten, der flug sei pünktlich, aber wir haben vier stunden am gate gewartet, ohne jede information.
gerade das neue handy bekommen, der akku hält den ganzen tag und die kamera ist großartig, echt zufrieden.
warum bucht ihr immer noch ein abo ab, das ich letzten monat gekündigt habe? ich will mein geld zurück.
es war ein schöner tag am strand mit freunden, dann sind wir nach hause gegangen und haben einen film geschaut.
das unternehmen hat heute angekündigt, zwei fabriken zu schließen und die arbeitsplätze ins ausland zu verlagern.
der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat
dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis
mehr durch man sein wurde sei ihr ich du wir ja nein schon sehr heute gut kein keine viel hier jetzt`,

	"it": `ciao, il mio ordine non è ancora arrivato e nessuno risponde al telefono. è il peggior servizio clienti che abbia mai visto.
grazie mille per l'aiuto di ieri, l'app adesso funziona benissimo e adoro il nuovo aggiornamento!
potete dirmi come cambiare la mia password? ho provato due volte e dice che il link è scaduto.
cerchiamo un partner per attrezzare i nostri uffici, qualcuno ci può mandare un preventivo per favore?
il sito è di nuovo giù, c'è un guasto a milano? non riesco ad accedere al mio account da stamattina.
e il vostro impegno per l'ambiente e per le persone che fanno i vostri vestiti? vogliamo delle risposte.
il mio avvocato vi contatterà per i dati che avete conservato senza il mio consenso.
hanno detto che il volo sarebbe partito in orario ma abbiamo aspettato quattro ore al gate senza nessuna informazione.
ho appena preso il nuovo telefono, la batteria dura tutto il giorno e la fotocamera è fantastica, sono molto contento.
perché continuate ad addebitarmi un abbonamento che ho disdetto il mese scorso? voglio essere rimborsato.
è stata una bella giornata al mare con gli amici, poi siamo tornati a casa e abbiamo guardato un film insieme.
l'azienda ha annunciato oggi che chiuderà due fabbriche e sposterà i posti di lavoro all'estero.
il di che e la per un in è non una sono del si con le da ma mi lo ho come anche più al della gli ci se io
questo sei alla cosa nel tutto perché ha molto fatto dei già dopo sempre solo quando ancora niente bene
tu noi voi loro essere stato ogni mai nessuno quella quello questa allora qui oggi grazie ciao tutti`,

	"pt": `olá, o meu pedido ainda não chegou e ninguém atende o telefone. é o pior atendimento ao cliente que já vi.
muito obrigado pela ajuda de ontem, o aplicativo agora funciona muito bem e eu adorei a nova versão!
vocês podem me dizer como mudar a minha senha? tentei duas vezes e diz que o link expirou.
estamos procurando um parceiro para equipar os nossos escritórios, alguém pode nos enviar um orçamento por favor?
o site caiu de novo, tem alguma falha em são paulo? não consigo entrar na minha conta desde hoje de manhã.
e o compromisso de vocês com o meio ambiente e com as pessoas que fazem as suas roupas? queremos respostas.
o meu advogado vai entrar em contato por causa dos dados que vocês guardaram sem o meu consentimento.
disseram que o voo sairia no horário mas esperamos quatro horas no portão sem nenhuma informação.
acabei de receber o celular novo, a bateria dura o dia todo e a câmera é incrível, estou muito feliz.
por que vocês continuam cobrando uma assinatura que eu cancelei no mês passado? quero o meu dinheiro de volta.
foi um dia lindo na praia com os amigos, depois voltamos para casa e assistimos um filme juntos.
a empresa anunciou hoje que vai fechar duas fábricas e transferir os empregos para o exterior.
o a os as de do da dos das um uma e é em no na nos nas que não por para com se mais mas como ao à seu sua
ele ela eles nós você vocês eu isso isto esse essa muito também já só quando então ainda nunca nada hoje
foi ser estar tem têm há até sobre entre depois antes sempre aqui obrigado obrigada tudo bem coisa`,

	// Decoys: their texts are "other".
	"nl": `hallo, mijn bestelling is nog steeds niet aangekomen en niemand neemt de telefoon op. dit is de slechtste klantenservice ooit.
heel erg bedankt voor de snelle hulp gisteren, de app werkt nu prima en ik vind de nieuwe versie geweldig!
kunnen jullie mij vertellen hoe ik mijn wachtwoord kan wijzigen? ik heb het twee keer geprobeerd en de link is verlopen.
de website ligt er weer uit, is er een storing in amsterdam? ik kan sinds vanochtend niet meer inloggen.
het was een mooie dag op het strand met vrienden, daarna zijn we naar huis gegaan en hebben we een film gekeken.
het bedrijf heeft vandaag aangekondigd dat het twee fabrieken gaat sluiten en de banen naar het buitenland verplaatst.
de het een en van in is dat op te zijn met voor niet er ook maar als bij om aan dan nog wel naar uit door over heb wat`,

	"pl": `dzień dobry, moje zamówienie wciąż nie dotarło i nikt nie odbiera telefonu. to najgorsza obsługa klienta, jaką widziałem.
bardzo dziękuję za szybką pomoc wczoraj, aplikacja teraz działa świetnie i uwielbiam nową wersję!
czy możecie mi powiedzieć, jak zmienić hasło? próbowałem dwa razy i link wygasł.
strona znowu nie działa, czy jest awaria w warszawie? od rana nie mogę się zalogować.
to był piękny dzień na plaży z przyjaciółmi, potem wróciliśmy do domu i obejrzeliśmy film.
firma ogłosiła dzisiaj, że zamknie dwie fabryki i przeniesie miejsca pracy za granicę.
i w nie na się z do to że jest o jak ale co tak po od za już dla czy jak być tylko przez jego może był bardzo`,
}
