//! The app shell: the HTML document, the page frame (header, account menu, footer) and the
//! routes. The only module that knows every slice; every slice and `shared` sit below it.

mod layout;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::accounts::ui::{
    provide_account, CheckMailPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage,
    StaffHomePage, StaffPage,
};
use crate::audit::ui::AuditLogPage;
use crate::booking::ui::{BookingPage, LateCancellationsPage, MyBookingsPage};
use crate::calendar::ui::{CalendarPage, MeetingPage};
use crate::cases::ui::{AppointmentPage, CaseNotesPage, CasePage, CasesPage};
use crate::catalogue::ui::{HomePage, ServicePage};
use crate::centre::ui::{ClosedDaysPage, RoomsPage};
use crate::family_cases::ui::MyCasesPage;
use crate::follow_up::ui::FollowUpPage;
use crate::household::ui::HouseholdPage;
use crate::legal::ui::{AccessibilityPage, PrivacyPage};
use crate::messages::ui::OutboxPage;
use crate::planning::ui::{
    AgendaPage, CancelPage, DetailsPage, MovePage, NewMeetingPage, StaffCalendarPage,
};
use crate::privacy::ui::{AccountErasedPage, EraseAccountPage, MyDataPage};
use crate::register::ui::{
    RegisterPage as MeetingRegisterPage, RegisterPrintPage, TodayRegistersPage,
};
use crate::reports::ui::ReportPage;
use crate::requests::ui::{MyRequestsPage, NewRequestPage, ReferralPage, RequestPage, TriagePage};
use crate::shared::i18n::*;
use crate::shared::ui::{HtmlLang, NotFound};
use layout::Layout;

/// The Titillium Web files preloaded by every page (regular, semibold, bold).
const FONT_PRELOADS: [&str; 3] = ["regular", "600", "700"];

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::shared::security::send_page_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0066cc"/>
                <HashedStylesheet id="leptos" options=options.clone()/>
                // The three weights every page uses, fetched with the stylesheet rather than
                // after it: with `font-display: optional` they are then ready for the first paint.
                {FONT_PRELOADS
                    .map(|file| {
                        leptos::html::link()
                            .rel("preload")
                            .href(format!("/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-{file}.woff2"))
                            .r#as("font")
                            .r#type("font/woff2")
                            .crossorigin("")
                    })}
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The whole application: language context, layout and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::shared::lang::provide_language_context();
    provide_account();
    view! {
        // `<html lang dir>` come from HtmlLang (see there why not from the provider).
        <I18nContextProvider
            cookie_options=crate::shared::lang::cookie_options()
            set_lang_attr_on_html=false
            set_dir_attr_on_html=false
        >
            <HtmlLang/>
            <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
            <Router>
                <Layout>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                        <Route path=path!("/poli/:centre") view=HomePage ssr=SsrMode::Async/>
                        <Route
                            path=path!("/poli/:centre/servizi/:service")
                            view=ServicePage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/incontri/:id") view=MeetingPage ssr=SsrMode::Async/>
                        <Route path=path!("/calendario") view=CalendarPage ssr=SsrMode::Async/>
                        <Route path=path!("/privacy") view=PrivacyPage ssr=SsrMode::Async/>
                        <Route
                            path=path!("/accessibilita")
                            view=AccessibilityPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/accedi") view=LoginPage ssr=SsrMode::Async/>
                        <Route path=path!("/registrati") view=RegisterPage ssr=SsrMode::Async/>
                        <Route path=path!("/registrati/controlla-la-posta") view=CheckMailPage ssr=SsrMode::Async/>
                        <Route path=path!("/password-dimenticata") view=ForgotPasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("/reimposta-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("/famiglia") view=HouseholdPage ssr=SsrMode::Async/>
                        <Route path=path!("/famiglia/i-miei-dati") view=MyDataPage ssr=SsrMode::Async/>
                        <Route
                            path=path!("/famiglia/elimina-account")
                            view=EraseAccountPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/account-eliminato")
                            view=AccountErasedPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/gestione") view=StaffHomePage ssr=SsrMode::Async/>
                        <Route path=path!("/gestione/sale") view=RoomsPage ssr=SsrMode::Async/>
                        <Route
                            path=path!("/gestione/calendario")
                            view=StaffCalendarPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/gestione/chiusure")
                            view=ClosedDaysPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/gestione/calendario/nuovo")
                            view=NewMeetingPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/gestione/calendario/incontri/:id/sposta")
                            view=MovePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/gestione/calendario/incontri/:id/modifica")
                            view=DetailsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/gestione/calendario/incontri/:id/annulla")
                            view=CancelPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/gestione/agenda") view=AgendaPage ssr=SsrMode::Async/>
                        <Route
                            path=path!("/gestione/registri")
                            view=TodayRegistersPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/gestione/registro/:id")
                            view=MeetingRegisterPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/gestione/registro/:id/stampa")
                            view=RegisterPrintPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/gestione/percorsi") view=CasesPage ssr=SsrMode::Async/>
                        <Route path=path!("/gestione/percorsi/:id") view=CasePage ssr=SsrMode::Async/>
                        <Route
                            path=path!("/gestione/percorsi/:id/note")
                            view=CaseNotesPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/gestione/percorsi/:id/appuntamenti/:appointment")
                            view=AppointmentPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/admin/messaggi") view=OutboxPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/personale") view=StaffPage ssr=SsrMode::Async/>
                        <Route
                            path=path!("/coordinamento/annullamenti-tardivi")
                            view=LateCancellationsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/coordinamento/da-richiamare")
                            view=FollowUpPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/coordinamento/registro-accessi")
                            view=AuditLogPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/coordinamento/report") view=ReportPage ssr=SsrMode::Async/>
                        <Route
                            path=path!("/coordinamento/richieste")
                            view=TriagePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/coordinamento/richieste/segnalazione")
                            view=ReferralPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/coordinamento/richieste/:id")
                            view=RequestPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/richieste/nuova") view=NewRequestPage ssr=SsrMode::Async/>
                        <Route path=path!("/le-mie-richieste") view=MyRequestsPage ssr=SsrMode::Async/>
                        <Route path=path!("/prenota/:kind/:id") view=BookingPage ssr=SsrMode::Async/>
                        <Route
                            path=path!("/le-mie-prenotazioni")
                            view=MyBookingsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/i-miei-percorsi")
                            view=MyCasesPage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
