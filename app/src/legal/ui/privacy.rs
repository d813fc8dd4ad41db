use leptos::prelude::*;

use super::Contact;
use crate::accounts::domain::{
    FAMILY_IDLE_MINUTES, PRIVACY_NOTICE_VERSION, SESSION_DAYS, STAFF_IDLE_MINUTES,
};
use crate::legal::api::{get_legal_contacts, LegalContacts};
use crate::privacy::domain::{
    LOGIN_ATTEMPT_DAYS, MESSAGE_BODY_DAYS, PASSWORD_RESET_DAYS, UNCONFIRMED_SIGN_UP_DAYS,
};
use crate::shared::i18n::*;
use crate::shared::ui::{PageDescription, PageTitle};

/// `/privacy`: the privacy notice (informativa, GDPR art. 13) the sign-up form links to.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    let contacts = Resource::new(|| (), |_| get_legal_contacts());
    view! {
        <PageTitle text=move || t_string!(i18n, legal.privacy_title).to_string()/>
        <PageDescription text=move || t_string!(i18n, legal.privacy_description).to_string()/>
        <div class="container py-4 legal-page" data-testid="privacy-notice">
            <h1>{t!(i18n, legal.privacy_title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    let contacts = contacts.await.unwrap_or_default();
                    view! {
                        {move || match i18n.get_locale() {
                            Locale::it => view! { <PrivacyIt c=contacts.clone()/> }.into_any(),
                            Locale::en => view! { <PrivacyEn c=contacts.clone()/> }.into_any(),
                        }}
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn PrivacyIt(c: LegalContacts) -> impl IntoView {
    view! {
        <p class="lead">
            "Questa informativa spiega quali dati della tua famiglia tratta Àncora, il sito di "
            "prenotazione del Polo territoriale per le famiglie, perché, per quanto tempo, chi li "
            "vede e quali sono i tuoi diritti (art. 13 del Regolamento (UE) 2016/679, «GDPR»)."
        </p>

        <section aria-labelledby="titolare">
            <h2 id="titolare">"Chi è il titolare del trattamento"</h2>
            <p>"Titolare del trattamento: " <strong>{c.controller.clone()}</strong> "."</p>
            <p>
                "Il Polo è gestito per conto del Municipio dall'ente indicato in fondo a ogni pagina, "
                "che tratta i dati come responsabile del trattamento (art. 28 GDPR), secondo le "
                "istruzioni del titolare."
            </p>
            <p>"Per ogni domanda sui tuoi dati scrivi a: " <Contact value=c.contact.clone()/> "."</p>
            <p>
                "Responsabile della protezione dei dati (RPD/DPO): "
                <Contact value=c.dpo.clone()/> "."
            </p>
        </section>

        <section aria-labelledby="dati">
            <h2 id="dati">"Quali dati trattiamo"</h2>
            <ul>
                <li>
                    <strong>"Account"</strong> ": nome, cognome, data di nascita, indirizzo e-mail, "
                    "lingua preferita; la password è conservata solo in forma cifrata non reversibile."
                </li>
                <li>
                    <strong>"Componenti del nucleo familiare, anche minori"</strong> ": nome, cognome, "
                    "data di nascita e relazione (per esempio figlio o figlia). Li inserisce il "
                    "genitore o chi ne ha la responsabilità; servono a verificare l'età prevista "
                    "dai gruppi."
                </li>
                <li>
                    <strong>"Prenotazioni"</strong> ": gli incontri e i cicli prenotati, per quali "
                    "persone, le liste d'attesa, gli annullamenti e il loro motivo, se lo scrivi."
                </li>
                <li>
                    <strong>"Presenze"</strong> ": la partecipazione agli incontri (presente, in "
                    "ritardo, assente, assente giustificato, con una nota se serve), registrata dal "
                    "personale del Polo. Chi partecipa senza aver prenotato è registrato con nome, "
                    "anno di nascita e un recapito (telefono o e-mail), per contare la presenza e "
                    "poter ricontattare la famiglia."
                </li>
                <li>
                    <strong>"Consensi"</strong> ": quali consensi hai dato o ritirato, quando e da "
                    "quale account."
                </li>
                <li>
                    <strong>"Dati tecnici"</strong> ": un cookie tecnico di sessione e uno per la "
                    "lingua (nessun cookie di profilazione, nessuno strumento di statistica di terzi), "
                    "l'indirizzo IP dei tentativi di accesso per proteggere gli account, le e-mail "
                    "che il sito ti invia."
                </li>
            </ul>
            <p>
                "Il sito non chiede dati sulla salute né altre categorie particolari di dati. Se "
                "servono per un percorso (per esempio una mediazione), li raccoglie il personale "
                "nei colloqui, con un'informativa dedicata."
            </p>
        </section>

        <section aria-labelledby="perche">
            <h2 id="perche">"Perché li trattiamo e su quale base giuridica"</h2>
            <ul>
                <li>
                    "Per offrire i servizi del Polo: prenotazioni, liste d'attesa, conferme e "
                    "promemoria, registri delle presenze, organizzazione e rendicontazione degli "
                    "incontri. Base giuridica: l'esecuzione di un " <strong>"compito di interesse pubblico"</strong>
                    " dei servizi sociali del Municipio (art. 6, par. 1, lett. e GDPR; art. 2-ter "
                    "del Codice privacy, D.lgs. 196/2003; Legge 328/2000 sul sistema integrato dei "
                    "servizi sociali)."
                </li>
                <li>
                    "Per la sicurezza degli account e del sito (per esempio la pausa dopo troppi "
                    "tentativi di accesso): la stessa base, con gli obblighi di sicurezza dell'art. 32 GDPR."
                </li>
                <li>
                    "Per le " <strong>"foto durante le attività"</strong> ": solo con il tuo "
                    <strong>"consenso"</strong> " (art. 6, par. 1, lett. a GDPR). Le foto non sono "
                    "mai pubblicate con i nomi. Puoi ritirare il consenso in ogni momento dalla "
                    "pagina «La mia famiglia»: non cambia nulla per i servizi."
                </li>
            </ul>
            <p>
                "I dati dell'account servono per prenotare online: senza, puoi comunque chiedere "
                "informazioni e accedere ai servizi rivolgendoti al Polo. Non facciamo profilazione "
                "né prendiamo decisioni automatizzate che ti riguardano."
            </p>
        </section>

        <section aria-labelledby="quanto">
            <h2 id="quanto">"Per quanto tempo li conserviamo"</h2>
            <ul>
                <li>
                    "Account e nucleo familiare: finché l'account è attivo. Con «Elimina il mio "
                    "account» (pagina «La mia famiglia») i dati personali sono cancellati subito. "
                    "Un'iscrizione mai confermata dall'e-mail è cancellata dopo "
                    {UNCONFIRMED_SIGN_UP_DAYS} " giorni."
                </li>
                <li>
                    "Prenotazioni e presenze: per il tempo necessario a rendicontare i servizi al "
                    "Municipio, al massimo 5 anni dalla fine dell'anno dell'incontro; poi restano "
                    "solo in forma anonima, nelle statistiche."
                </li>
                <li>"Consensi: per tutta la vita dell'account e per i 5 anni successivi, come prova."</li>
                <li>
                    "Sessioni di accesso: al massimo " {SESSION_DAYS} " giorni; finiscono dopo "
                    {FAMILY_IDLE_MINUTES / 60} " ore senza uso (" {STAFF_IDLE_MINUTES} " minuti per "
                    "il personale). Tentativi di accesso: " {LOGIN_ATTEMPT_DAYS} " giorni. Testo "
                    "delle e-mail inviate: " {MESSAGE_BODY_DAYS} " giorni (resta che è stata "
                    "inviata, con oggetto e data). Link per reimpostare la password: "
                    {PASSWORD_RESET_DAYS} " giorni dopo la scadenza."
                </li>
            </ul>
        </section>

        <section aria-labelledby="chi">
            <h2 id="chi">"Chi può vederli"</h2>
            <ul>
                <li><strong>"Nessun'altra famiglia"</strong> " vede i tuoi dati."</li>
                <li>
                    "Il personale del Polo (operatori, operatrici e coordinatrici), solo per i "
                    "servizi che usi e per quanto serve al suo lavoro."
                </li>
                <li>"Gli uffici del Municipio, per i controlli e la rendicontazione dei servizi."</li>
                <li>
                    "I fornitori tecnici del sito (server e posta elettronica), come responsabili "
                    "del trattamento, nell'Unione europea."
                </li>
                <li>
                    "Le autorità pubbliche, solo nei casi previsti dalla legge (per esempio "
                    "l'autorità giudiziaria, per i servizi su suo invio)."
                </li>
            </ul>
            <p>"I dati non sono trasferiti fuori dall'Unione europea."</p>
        </section>

        <section aria-labelledby="diritti">
            <h2 id="diritti">"I diritti della tua famiglia"</h2>
            <p>"In ogni momento puoi chiedere (artt. 15–22 GDPR):"</p>
            <ul>
                <li><strong>"accesso"</strong> ": sapere quali dati abbiamo e averne una copia;"</li>
                <li>
                    <strong>"rettifica"</strong> ": correggerli (i componenti del nucleo e i "
                    "consensi li modifichi anche da solo, nella pagina «La mia famiglia»);"
                </li>
                <li><strong>"cancellazione"</strong> ": farli cancellare, salvo quelli che la legge ci obbliga a conservare;"</li>
                <li><strong>"limitazione"</strong> ": sospenderne l'uso mentre verifichiamo una tua richiesta;"</li>
                <li><strong>"opposizione"</strong> ": opporti al trattamento per motivi legati alla tua situazione;"</li>
                <li><strong>"portabilità"</strong> ": riceverli in un formato leggibile da un computer;"</li>
                <li><strong>"ritiro del consenso"</strong> " alle foto, senza conseguenze sui servizi."</li>
            </ul>
            <p>
                "Per esercitarli scrivi a " <Contact value=c.contact.clone()/>
                " oppure rivolgiti al Polo: rispondiamo entro un mese."
            </p>
            <p>
                "Se ritieni che il trattamento violi il GDPR puoi proporre "
                <strong>"reclamo al Garante per la protezione dei dati personali"</strong>
                " (piazza Venezia 11, 00187 Roma, "
                <a href="https://www.garanteprivacy.it" rel="external">"www.garanteprivacy.it"</a>
                ") o ricorrere all'autorità giudiziaria."
            </p>
        </section>

        <p class="small legal-version">
            "Versione dell'informativa: " {PRIVACY_NOTICE_VERSION} "."
        </p>
    }
}

#[component]
fn PrivacyEn(c: LegalContacts) -> impl IntoView {
    view! {
        <p class="lead">
            "This notice explains which data about your family Àncora, the booking site of the "
            "family centre (Polo territoriale per le famiglie), processes, why, for how long, who "
            "sees it and what your rights are (article 13 of Regulation (EU) 2016/679, the GDPR)."
        </p>

        <section aria-labelledby="titolare">
            <h2 id="titolare">"Who the controller is"</h2>
            <p>"Data controller: " <strong>{c.controller.clone()}</strong> "."</p>
            <p>
                "The centre is run on the Municipio's behalf by the organisation named at the foot "
                "of every page, which processes the data as a processor (article 28 GDPR), on the "
                "controller's instructions."
            </p>
            <p>"For any question about your data, write to: " <Contact value=c.contact.clone()/> "."</p>
            <p>"Data protection officer (DPO): " <Contact value=c.dpo.clone()/> "."</p>
        </section>

        <section aria-labelledby="dati">
            <h2 id="dati">"What data we process"</h2>
            <ul>
                <li>
                    <strong>"Account"</strong> ": first name, surname, date of birth, e-mail address, "
                    "preferred language; the password is only stored in a form that cannot be reversed."
                </li>
                <li>
                    <strong>"Household members, including children"</strong> ": first name, surname, "
                    "date of birth and relation (for example son or daughter). A parent or the person "
                    "responsible for them enters them; they are used to check the ages a group is for."
                </li>
                <li>
                    <strong>"Bookings"</strong> ": the meetings and cycles booked, for whom, waiting "
                    "lists, cancellations and their reason, if you give one."
                </li>
                <li>
                    <strong>"Attendance"</strong> ": who took part in a meeting (present, late, absent, "
                    "excused, with a note when needed), recorded by the centre's staff. Someone who "
                    "comes without a booking is recorded with their name, year of birth and a contact "
                    "(phone or e-mail), to count them and to be able to call the family back."
                </li>
                <li><strong>"Consents"</strong> ": which consents were given or withdrawn, when and from which account."</li>
                <li>
                    <strong>"Technical data"</strong> ": a technical session cookie and one for the "
                    "language (no profiling cookies, no third-party analytics), the IP address of "
                    "login attempts to protect accounts, the e-mails the site sends you."
                </li>
            </ul>
            <p>
                "The site never asks for health data or other special categories of data. When a "
                "case path (for example mediation) needs them, the staff collect them in person, "
                "with a notice of its own."
            </p>
        </section>

        <section aria-labelledby="perche">
            <h2 id="perche">"Why we process it, and on what legal basis"</h2>
            <ul>
                <li>
                    "To provide the centre's services: bookings, waiting lists, confirmations and "
                    "reminders, attendance registers, organising and reporting on the meetings. "
                    "Legal basis: a " <strong>"task carried out in the public interest"</strong>
                    " by the Municipio's social services (article 6(1)(e) GDPR; article 2-ter of the "
                    "Italian Privacy Code, Legislative Decree 196/2003; Law 328/2000 on social services)."
                </li>
                <li>
                    "To keep accounts and the site secure (for example the pause after too many login "
                    "attempts): the same basis, with the security duties of article 32 GDPR."
                </li>
                <li>
                    <strong>"Photos during activities"</strong> ": only with your "
                    <strong>"consent"</strong> " (article 6(1)(a) GDPR). Photos are never published "
                    "with names. You can withdraw consent at any time on the “My family” page: "
                    "nothing changes for the services."
                </li>
            </ul>
            <p>
                "The account data is needed to book online: without an account you can still ask "
                "for information and use the services through the centre. We do no profiling and "
                "take no automated decisions about you."
            </p>
        </section>

        <section aria-labelledby="quanto">
            <h2 id="quanto">"How long we keep it"</h2>
            <ul>
                <li>
                    "Account and household: while the account is active. \u{201c}Delete my "
                    "account\u{201d} (on the \u{201c}My family\u{201d} page) erases the personal data at "
                    "once. A sign-up never confirmed by e-mail is erased after "
                    {UNCONFIRMED_SIGN_UP_DAYS} " days."
                </li>
                <li>
                    "Bookings and attendance: as long as needed to report on the services to the "
                    "Municipio, at most 5 years from the end of the year of the meeting; after that "
                    "only anonymously, in statistics."
                </li>
                <li>"Consents: for the life of the account and 5 years after, as proof."</li>
                <li>
                    "Login sessions: at most " {SESSION_DAYS} " days; they end after "
                    {FAMILY_IDLE_MINUTES / 60} " hours unused (" {STAFF_IDLE_MINUTES} " minutes for "
                    "staff). Login attempts: " {LOGIN_ATTEMPT_DAYS} " days. The text of e-mails "
                    "sent: " {MESSAGE_BODY_DAYS} " days (the record that it was sent, with its "
                    "subject and date, stays). Password-reset links: " {PASSWORD_RESET_DAYS}
                    " days after they expire."
                </li>
            </ul>
        </section>

        <section aria-labelledby="chi">
            <h2 id="chi">"Who can see it"</h2>
            <ul>
                <li><strong>"No other family"</strong> " sees your data."</li>
                <li>
                    "The centre's staff (operators and coordinators), only for the services you use "
                    "and as far as their work needs."
                </li>
                <li>"The Municipio's offices, to check and report on the services."</li>
                <li>
                    "The site's technical providers (servers and e-mail), as processors, within the "
                    "European Union."
                </li>
                <li>
                    "Public authorities, only where the law says so (for example a court, for the "
                    "services it refers families to)."
                </li>
            </ul>
            <p>"The data is not transferred outside the European Union."</p>
        </section>

        <section aria-labelledby="diritti">
            <h2 id="diritti">"Your family's rights"</h2>
            <p>"At any time you can ask for (articles 15–22 GDPR):"</p>
            <ul>
                <li><strong>"access"</strong> ": to know what data we hold and get a copy;"</li>
                <li>
                    <strong>"rectification"</strong> ": to correct it (you can also change your "
                    "household's members and consents yourself, on the “My family” page);"
                </li>
                <li><strong>"erasure"</strong> ": to have it erased, except what the law obliges us to keep;"</li>
                <li><strong>"restriction"</strong> ": to suspend its use while we check a request of yours;"</li>
                <li><strong>"objection"</strong> ": to object to the processing on grounds relating to your situation;"</li>
                <li><strong>"portability"</strong> ": to receive it in a machine-readable format;"</li>
                <li><strong>"withdrawal of consent"</strong> " to photos, with no effect on the services."</li>
            </ul>
            <p>
                "To exercise them write to " <Contact value=c.contact.clone()/>
                " or ask at the centre: we answer within one month."
            </p>
            <p>
                "If you believe the processing breaches the GDPR you can "
                <strong>"lodge a complaint with the Garante per la protezione dei dati personali"</strong>
                " (the Italian data protection authority: piazza Venezia 11, 00187 Rome, "
                <a href="https://www.garanteprivacy.it" rel="external">"www.garanteprivacy.it"</a>
                ") or go to court."
            </p>
        </section>

        <p class="small legal-version">
            "Version of this notice: " {PRIVACY_NOTICE_VERSION} "."
        </p>
    }
}
