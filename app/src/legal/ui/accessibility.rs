use leptos::prelude::*;

use super::Contact;
use crate::legal::api::{get_legal_contacts, LegalContacts};
use crate::shared::i18n::*;
use crate::shared::ui::{PageDescription, PageTitle};

/// When the statement was last reviewed (AgID asks for the date).
const REVIEWED_IT: &str = "novembre 2026";
const REVIEWED_EN: &str = "November 2026";

/// AgID's form for reporting an unanswered or unsatisfactory accessibility request.
const AGID_FORM: &str = "https://form.agid.gov.it";

/// `/accessibilita`: the accessibility statement, following AgID's model (Legge 4/2004).
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    let contacts = Resource::new(|| (), |_| get_legal_contacts());
    view! {
        <PageTitle text=move || t_string!(i18n, legal.accessibility_title).to_string()/>
        <PageDescription text=move || t_string!(i18n, legal.accessibility_description).to_string()/>
        <div class="container py-4 legal-page" data-testid="accessibility-statement">
            <h1>{t!(i18n, legal.accessibility_title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    let contacts = contacts.await.unwrap_or_default();
                    view! {
                        {move || match i18n.get_locale() {
                            Locale::it => view! { <AccessibilityIt c=contacts.clone()/> }.into_any(),
                            Locale::en => view! { <AccessibilityEn c=contacts.clone()/> }.into_any(),
                        }}
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn AccessibilityIt(c: LegalContacts) -> impl IntoView {
    let site = if c.site.is_empty() {
        "questo sito".to_string()
    } else {
        c.site.clone()
    };
    view! {
        <p class="lead">
            {c.controller.clone()} " si impegna a rendere accessibile il proprio sito web, "
            "conformemente alla Legge 9 gennaio 2004, n. 4 e al D.lgs. 10 agosto 2018, n. 106, che "
            "ha recepito la direttiva (UE) 2016/2102."
        </p>
        <p>
            "Questa dichiarazione di accessibilità si applica ad Àncora, il sito di prenotazione "
            "del Polo territoriale per le famiglie: " {site} "."
        </p>

        <section aria-labelledby="conformita">
            <h2 id="conformita">"Stato di conformità"</h2>
            <p>
                "Questo sito è " <strong>"parzialmente conforme"</strong> " ai requisiti previsti "
                "dall'allegato A alla norma UNI CEN/EN 301549 (che riprende le WCAG 2.1, livello AA), "
                "per i casi di non conformità elencati qui sotto."
            </p>
        </section>

        <section aria-labelledby="limiti">
            <h2 id="limiti">"Contenuti non accessibili"</h2>
            <h3 class="h5">"Non conformità note"</h3>
            <ul>
                <li>
                    "Nella versione inglese, le descrizioni dei servizi e degli incontri non ancora "
                    "tradotte compaiono in italiano senza che la lingua sia indicata ai lettori di "
                    "schermo (criterio 3.1.2, Parti in lingua)."
                </li>
                <li>
                    "I file di calendario (.ics) e l'abbonamento al calendario si leggono con "
                    "l'applicazione di calendario del telefono: la loro accessibilità dipende da "
                    "quell'applicazione. Le stesse informazioni sono sempre nella pagina «Le mie "
                    "prenotazioni»."
                </li>
            </ul>
            <h3 class="h5">"Onere sproporzionato"</h3>
            <p>"Nessun contenuto è escluso per onere sproporzionato."</p>
            <h3 class="h5">"In preparazione"</h3>
            <p>
                "Le pagine di lavoro del personale ancora in sviluppo (richieste dei servizi e "
                "percorsi con le famiglie) saranno verificate prima di essere pubblicate. Il "
                "calendario del personale e i registri delle presenze sono già verificati come "
                "le altre pagine."
            </p>
        </section>

        <section aria-labelledby="redazione">
            <h2 id="redazione">"Redazione della dichiarazione"</h2>
            <p>
                "Dichiarazione redatta e riesaminata a " {REVIEWED_IT} " con un'autovalutazione: "
                "test automatici (axe-core) su tutte le pagine, su computer e su uno schermo di "
                "telefono largo 360 pixel; verifiche manuali con la sola tastiera, con lo zoom al "
                "200% e con JavaScript disattivato (ogni funzione resta disponibile). Le verifiche "
                "con i lettori di schermo sono in corso."
            </p>
        </section>

        <section aria-labelledby="feedback">
            <h2 id="feedback">"Feedback e recapiti"</h2>
            <p>
                "Per segnalare un problema di accessibilità o chiedere in forma accessibile "
                "informazioni e contenuti esclusi, scrivi a "
                <Contact value=c.accessibility_contact.clone()/>
                ". Rispondiamo entro 30 giorni."
            </p>
        </section>

        <section aria-labelledby="attuazione">
            <h2 id="attuazione">"Procedura di attuazione"</h2>
            <p>
                "Se la risposta non è soddisfacente, o se non ricevi risposta entro 30 giorni dalla "
                "segnalazione o dalla richiesta, puoi inviare una segnalazione ad AgID (Agenzia per "
                "l'Italia Digitale) con il modulo disponibile su "
                <a href=AGID_FORM rel="external">"form.agid.gov.it"</a>
                " (art. 3-quinquies, comma 3, della Legge 4/2004)."
            </p>
        </section>

        <section aria-labelledby="sito">
            <h2 id="sito">"Informazioni sul sito"</h2>
            <p>
                "Il sito usa il design system di Designers Italia (Bootstrap Italia) ed è costruito "
                "per funzionare anche senza JavaScript, su schermi piccoli e con gli ingrandimenti "
                "del browser."
            </p>
        </section>
    }
}

#[component]
fn AccessibilityEn(c: LegalContacts) -> impl IntoView {
    let site = if c.site.is_empty() {
        "this site".to_string()
    } else {
        c.site.clone()
    };
    view! {
        <p class="lead">
            {c.controller.clone()} " is committed to making its website accessible, in accordance "
            "with Italian Law no. 4 of 9 January 2004 and Legislative Decree no. 106 of 10 August "
            "2018, which transposed Directive (EU) 2016/2102."
        </p>
        <p>
            "This accessibility statement applies to Àncora, the booking site of the family "
            "centre (Polo territoriale per le famiglie): " {site} "."
        </p>

        <section aria-labelledby="conformita">
            <h2 id="conformita">"Compliance status"</h2>
            <p>
                "This site is " <strong>"partially compliant"</strong> " with the requirements of "
                "annex A of the UNI CEN/EN 301549 standard (which takes up WCAG 2.1, level AA), "
                "because of the non-compliances listed below."
            </p>
        </section>

        <section aria-labelledby="limiti">
            <h2 id="limiti">"Non-accessible content"</h2>
            <h3 class="h5">"Known non-compliances"</h3>
            <ul>
                <li>
                    "In the English version, descriptions of services and meetings not yet "
                    "translated appear in Italian without their language being given to screen "
                    "readers (criterion 3.1.2, Language of parts)."
                </li>
                <li>
                    "Calendar files (.ics) and the calendar subscription are read with the phone's "
                    "calendar app: their accessibility depends on that app. The same information is "
                    "always on the “My bookings” page."
                </li>
            </ul>
            <h3 class="h5">"Disproportionate burden"</h3>
            <p>"No content is excluded on grounds of disproportionate burden."</p>
            <h3 class="h5">"In preparation"</h3>
            <p>
                "The staff's working pages still being built (requests for services and case "
                "paths with families) will be checked before they are published. The staff "
                "calendar and the attendance registers are already checked like every other page."
            </p>
        </section>

        <section aria-labelledby="redazione">
            <h2 id="redazione">"Preparation of this statement"</h2>
            <p>
                "Prepared and last reviewed in " {REVIEWED_EN} " by self-assessment: automated "
                "tests (axe-core) on every page, on a computer and on a 360-pixel-wide phone screen; "
                "manual checks with the keyboard only, at 200% zoom and with JavaScript turned off "
                "(every function remains available). Checks with screen readers are under way."
            </p>
        </section>

        <section aria-labelledby="feedback">
            <h2 id="feedback">"Feedback and contact details"</h2>
            <p>
                "To report an accessibility problem, or to ask for information and excluded "
                "content in an accessible form, write to "
                <Contact value=c.accessibility_contact.clone()/>
                ". We answer within 30 days."
            </p>
        </section>

        <section aria-labelledby="attuazione">
            <h2 id="attuazione">"Enforcement procedure"</h2>
            <p>
                "If the answer is unsatisfactory, or you get no answer within 30 days of your "
                "report or request, you can report it to AgID (the Agency for Digital Italy) with "
                "the form at "
                <a href=AGID_FORM rel="external">"form.agid.gov.it"</a>
                " (article 3-quinquies(3) of Law 4/2004)."
            </p>
        </section>

        <section aria-labelledby="sito">
            <h2 id="sito">"About the site"</h2>
            <p>
                "The site uses the Designers Italia design system (Bootstrap Italia) and is built to "
                "work without JavaScript, on small screens and with the browser's zoom."
            </p>
        </section>
    }
}
