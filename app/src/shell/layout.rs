use leptos::prelude::*;

use crate::accounts::ui::AccountMenu;
use crate::shared::i18n::*;
use crate::shared::ui::Icon;

/// The frame of every page: skip link, header (Roma Capitale band with the account menu and the
/// languages, the polo's name), the page itself in `<main>`, footer (with the privacy notice and
/// the accessibility statement).
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#contenuto">{t!(i18n, site.skip_to_content)}</a>
        <header class="it-header-wrapper">
            <div class="it-header-slim-wrapper">
                <div class="container">
                    <div class="it-header-slim-wrapper-content">
                        <span class="navbar-brand">
                            {t!(i18n, site.owner)} " · " {t!(i18n, site.municipio, number = "VIII")}
                        </span>
                        <div class="it-header-slim-right-zone">
                            <AccountMenu/>
                        </div>
                    </div>
                </div>
            </div>
            <div class="it-header-center-wrapper">
                <div class="container">
                    <div class="it-header-center-content-wrapper">
                        <div class="it-brand-wrapper">
                            <a href="/">
                                <Icon name="it-pa" class="icon-white"/>
                                <div class="it-brand-text">
                                    <div class="it-brand-title">{t!(i18n, site.name)}</div>
                                    <div class="it-brand-tagline">
                                        {t!(i18n, site.tagline)}
                                        // On a phone the band above already names the Municipio.
                                        <span class="d-none d-sm-inline">
                                            " · " {t!(i18n, site.municipio, number = "VIII")}
                                        </span>
                                    </div>
                                </div>
                            </a>
                        </div>
                        <nav class="site-nav" aria-label=move || t_string!(i18n, calendar_view.nav_label).to_string()>
                            <a class="site-nav-link" href="/calendario" data-testid="nav-calendar">
                                <Icon name="it-calendar" class="icon-white icon-sm"/>
                                // On a narrow phone the icon alone, so the header stays short; its
                                // name is still read.
                                <span class="site-nav-label">{t!(i18n, calendar_view.nav_link)}</span>
                            </a>
                        </nav>
                    </div>
                </div>
            </div>
        </header>
        <main id="contenuto" tabindex="-1">{children()}</main>
        <footer class="it-footer">
            <div class="it-footer-main">
                <div class="container py-4">
                    <p class="footer-title">
                        {t!(i18n, site.name)} " · " {t!(i18n, site.tagline)}
                    </p>
                    <p>{t!(i18n, site.run_by, name = "Cooperativa sociale Obiettivo Uomo")}</p>
                    <p class="small">{t!(i18n, site.footer_privacy)}</p>
                    <nav aria-label=move || t_string!(i18n, site.footer_links).to_string()>
                        <ul class="footer-links">
                            <li><a href="/privacy">{t!(i18n, legal.privacy_link)}</a></li>
                            <li><a href="/accessibilita">{t!(i18n, legal.accessibility_link)}</a></li>
                        </ul>
                    </nav>
                </div>
            </div>
        </footer>
    }
}
