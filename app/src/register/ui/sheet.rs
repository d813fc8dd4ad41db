//! The register's list of persons, one tap per mark. Without JavaScript every button posts its
//! form (the page comes back with the mark saved). Once hydrated, this island saves each mark at
//! once and keeps a queue for a bad connection:
//!
//! - a mark made while the network is down stays on the page, marked "not yet saved", and is
//!   kept in the browser's `localStorage` under the meeting, so a reload does not lose it;
//! - the queue is sent in order, each mark with an id made in the browser, so that a mark whose
//!   answer never arrived and is sent again is saved once (the server keeps the ids);
//! - it is sent again on the `online` event, when the page becomes visible again, and every few
//!   seconds (`navigator.onLine` alone is not trusted: it says "online" on a Wi-Fi without
//!   internet);
//! - "N changes not saved" stays on screen until they are.
// The helpers serve the browser code; the server build only renders the island.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code, unused_imports))]

use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::register::domain::{Mark, RegisterHousehold, Tally};

/// The texts of the island, in the page's language (an island has no translations of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetTexts {
    pub present: String,
    pub late: String,
    pub excused: String,
    pub absent: String,
    pub note: String,
    pub save_note: String,
    pub note_needs_mark: String,
    pub walk_in: String,
    pub all_present: String,
    pub all_saved: String,
    /// "{n} modifiche non salvate: verranno inviate appena torna la connessione."
    pub unsaved_many: String,
    pub unsaved_one: String,
    pub not_saved_yet: String,
    pub not_saved_login: String,
    pub refused: String,
    pub tally: String,
    pub marks_of: String,
}

/// What the island gets from the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub meeting_id: Uuid,
    pub writable: bool,
    pub households: Vec<RegisterHousehold>,
    /// The id each person's form posts without JavaScript (made on the server, once per page).
    pub form_ids: Vec<(Uuid, Uuid)>,
    pub texts: SheetTexts,
}

/// A mark waiting to be saved, as kept in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub client_id: Uuid,
    pub member_id: Uuid,
    pub mark: Mark,
    pub note: Option<String>,
}

/// The key of a meeting's queue in `localStorage`.
pub fn storage_key(meeting: Uuid) -> String {
    format!("ancora.registro.{meeting}")
}

/// Adds a mark to the queue: it replaces a mark of the same person still waiting (only the last
/// one counts), unless that one is being sent (`in_flight`).
pub fn enqueue(queue: &mut Vec<Pending>, mark: Pending, in_flight: Option<Uuid>) {
    queue.retain(|p| p.member_id != mark.member_id || Some(p.client_id) == in_flight);
    queue.push(mark);
}

/// The marks as the page shows them: the saved ones with the waiting ones on top.
pub fn shown(
    saved: &HashMap<Uuid, (Option<Mark>, String)>,
    queue: &[Pending],
) -> HashMap<Uuid, (Option<Mark>, String)> {
    let mut shown = saved.clone();
    for pending in queue {
        let entry = shown
            .entry(pending.member_id)
            .or_insert((None, String::new()));
        entry.0 = Some(pending.mark);
        if let Some(note) = &pending.note {
            entry.1 = note.clone();
        }
    }
    shown
}

fn mark_text(texts: &SheetTexts, mark: Mark) -> String {
    match mark {
        Mark::Present => texts.present.clone(),
        Mark::Late => texts.late.clone(),
        Mark::Excused => texts.excused.clone(),
        Mark::Absent => texts.absent.clone(),
    }
}

fn tally_text(texts: &SheetTexts, tally: Tally) -> String {
    texts
        .tally
        .replace("{present}", &(tally.present + tally.late).to_string())
        .replace("{late}", &tally.late.to_string())
        .replace("{excused}", &tally.excused.to_string())
        .replace("{absent}", &tally.absent.to_string())
        .replace("{unmarked}", &tally.unmarked.to_string())
}

#[island]
pub fn RegisterSheet(sheet: Sheet) -> impl IntoView {
    let Sheet {
        meeting_id,
        writable,
        households,
        form_ids,
        texts,
    } = sheet;
    let texts = StoredValue::new(texts);
    let saved: HashMap<Uuid, (Option<Mark>, String)> = households
        .iter()
        .flat_map(|h| h.persons.iter())
        .map(|p| (p.member_id, (p.mark, p.note.clone())))
        .collect();
    let saved = RwSignal::new(saved);
    let queue = RwSignal::new(Vec::<Pending>::new());
    let errors = RwSignal::new(HashMap::<Uuid, String>::new());
    let notes: HashMap<Uuid, RwSignal<String>> = households
        .iter()
        .flat_map(|h| h.persons.iter())
        .map(|p| (p.member_id, RwSignal::new(p.note.clone())))
        .collect();
    let notes = StoredValue::new(notes);
    let walk_ins: Vec<Uuid> = households
        .iter()
        .flat_map(|h| h.persons.iter())
        .filter(|p| p.walk_in)
        .map(|p| p.member_id)
        .collect();
    let members: Vec<Uuid> = households
        .iter()
        .flat_map(|h| h.persons.iter())
        .map(|p| p.member_id)
        .collect();
    let all_members = StoredValue::new(members);
    let walk_ins = StoredValue::new(walk_ins);
    let marks = Memo::new(move |_| shown(&saved.read(), &queue.read()));
    let tally = Memo::new(move |_| {
        let marks = marks.read();
        let mut tally = Tally::default();
        all_members.with_value(|members| {
            for member in members {
                if walk_ins.with_value(|w| w.contains(member)) {
                    tally.walk_ins += 1;
                } else {
                    tally.booked += 1;
                }
                match marks.get(member).and_then(|m| m.0) {
                    Some(Mark::Present) => tally.present += 1,
                    Some(Mark::Late) => tally.late += 1,
                    Some(Mark::Excused) => tally.excused += 1,
                    Some(Mark::Absent) => tally.absent += 1,
                    None => tally.unmarked += 1,
                }
            }
        });
        tally
    });
    let login_needed = RwSignal::new(false);

    #[cfg(feature = "hydrate")]
    let send = browser::Sender::start(meeting_id, saved, queue, errors, login_needed, texts);

    let tap = move |member: Uuid, mark: Mark, note: Option<String>| {
        #[cfg(feature = "hydrate")]
        send.tap(member, mark, note);
        #[cfg(not(feature = "hydrate"))]
        let _ = (member, mark, note);
    };

    let form_id = move |member: Uuid| {
        form_ids
            .iter()
            .find(|(m, _)| *m == member)
            .map(|(_, id)| id.to_string())
            .unwrap_or_default()
    };

    let unsaved = move || {
        let count = queue.read().len();
        texts.with_value(|t| match count {
            0 => t.all_saved.clone(),
            1 => t.unsaved_one.clone(),
            n => t.unsaved_many.replace("{n}", &n.to_string()),
        })
    };

    view! {
        <div class="register-sheet" data-testid="register-sheet">
            <p class="register-tally" data-testid="register-tally" aria-live="polite">
                {move || texts.with_value(|t| tally_text(t, tally.get()))}
            </p>
            {writable.then(|| view! {
                <form method="post" action="/api/register/all_present" class="register-all">
                    <input type="hidden" name="meeting" value=meeting_id.to_string()/>
                    <button type="submit" class="btn btn-outline-primary" data-testid="all-present"
                        on:click=move |ev| {
                            ev.prevent_default();
                            let unmarked: Vec<Uuid> = all_members.with_value(|members| {
                                members
                                    .iter()
                                    .filter(|m| !walk_ins.with_value(|w| w.contains(m)))
                                    .filter(|m| marks.read().get(m).and_then(|x| x.0).is_none())
                                    .copied()
                                    .collect()
                            });
                            for member in unmarked {
                                tap(member, Mark::Present, None);
                            }
                        }>
                        {texts.with_value(|t| t.all_present.clone())}
                    </button>
                </form>
            })}
            {households.into_iter().map(|household| view! {
                <section class="register-household" aria-label=household.label.clone()>
                    <h3 class="register-household-name">{household.label.clone()}</h3>
                    <ul class="register-persons">
                        {household.persons.into_iter().map(|person| {
                            let member = person.member_id;
                            let name = person.name.clone();
                            let note = notes.with_value(|n| n.get(&member).copied()).unwrap_or_else(|| RwSignal::new(String::new()));
                            let current = move || marks.read().get(&member).and_then(|m| m.0);
                            let pending = move || queue.read().iter().any(|p| p.member_id == member);
                            let error = move || errors.read().get(&member).cloned();
                            let note_id = format!("nota-{member}");
                            let group_label = texts.with_value(|t| t.marks_of.replace("{name}", &name));
                            view! {
                                <li class="register-person" id=format!("persona-{member}") data-testid="register-person"
                                    data-member=member.to_string()
                                    data-state=move || if error().is_some() { "error" } else if pending() { "pending" } else { "saved" }>
                                    <div class="register-who">
                                        <span class="register-name">{person.name.clone()}</span>
                                        " "
                                        <span class="register-age">{person.age_label.clone()}</span>
                                        {person.walk_in.then(|| view! {
                                            " " <span class="badge bg-secondary">{texts.with_value(|t| t.walk_in.clone())}</span>
                                        })}
                                    </div>
                                    {if writable {
                                        view! {
                                            <form method="post" action="/api/register/mark" class="register-form">
                                                <input type="hidden" name="meeting" value=meeting_id.to_string()/>
                                                <input type="hidden" name="member" value=member.to_string()/>
                                                <input type="hidden" name="client_id" value=form_id(member)/>
                                                <div class="register-buttons" role="group" aria-label=group_label>
                                                    {Mark::ALL.into_iter().map(|mark| view! {
                                                        <button type="submit" name="mark" value=mark.code()
                                                            class=format!("btn register-mark register-{}", mark.code())
                                                            aria-pressed=move || if current() == Some(mark) { "true" } else { "false" }
                                                            on:click=move |ev| {
                                                                ev.prevent_default();
                                                                tap(member, mark, Some(note.get_untracked()));
                                                            }>
                                                            {texts.with_value(|t| mark_text(t, mark))}
                                                        </button>
                                                    }).collect_view()}
                                                </div>
                                                <details class="register-note" open=!person.note.is_empty()>
                                                    <summary>{texts.with_value(|t| t.note.clone())}</summary>
                                                    <label class="visually-hidden" for=note_id.clone()>{texts.with_value(|t| t.note.clone())}</label>
                                                    <input type="text" class="form-control" id=note_id name="note" maxlength="1000"
                                                        prop:value=move || note.get()
                                                        on:input=move |ev| note.set(event_target_value(&ev))/>
                                                    {move || match current() {
                                                        Some(mark) => view! {
                                                            <button type="submit" name="mark" value=mark.code() class="btn btn-outline-primary btn-sm"
                                                                on:click=move |ev| {
                                                                    ev.prevent_default();
                                                                    tap(member, mark, Some(note.get_untracked()));
                                                                }>
                                                                {texts.with_value(|t| t.save_note.clone())}
                                                            </button>
                                                        }.into_any(),
                                                        None => view! {
                                                            <span class="form-text">{texts.with_value(|t| t.note_needs_mark.clone())}</span>
                                                        }.into_any(),
                                                    }}
                                                </details>
                                            </form>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <p class="register-readonly">
                                                {move || current().map(|m| texts.with_value(|t| mark_text(t, m))).unwrap_or_else(|| "—".into())}
                                                {(!person.note.is_empty()).then(|| format!(" · {}", person.note))}
                                            </p>
                                        }.into_any()
                                    }}
                                    <p class="register-state" role="status">
                                        {move || pending().then(|| texts.with_value(|t| t.not_saved_yet.clone()))}
                                        {move || error().map(|e| view! { <span class="text-danger">{e}</span> })}
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
            <p class="register-unsaved" data-testid="register-unsaved" role="status"
                class:has-unsaved=move || !queue.read().is_empty()>
                {unsaved}
                {move || login_needed.get().then(|| texts.with_value(|t| format!(" {}", t.not_saved_login)))}
            </p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::time::Duration;

    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::JsCast;
    use uuid::Uuid;

    use super::{enqueue, storage_key, Pending, SheetTexts};
    use crate::register::domain::Mark;
    use crate::shared::error::AppError;
    use std::collections::HashMap;

    /// How often the queue is tried again while marks are waiting.
    const RETRY: Duration = Duration::from_secs(4);

    #[derive(Clone, Copy)]
    pub struct Sender {
        meeting: Uuid,
        saved: RwSignal<HashMap<Uuid, (Option<Mark>, String)>>,
        queue: RwSignal<Vec<Pending>>,
        errors: RwSignal<HashMap<Uuid, String>>,
        login_needed: RwSignal<bool>,
        texts: StoredValue<SheetTexts>,
        in_flight: StoredValue<Option<Uuid>>,
    }

    fn new_id() -> Uuid {
        let mut bytes = [0u8; 16];
        let filled = window()
            .crypto()
            .and_then(|crypto| crypto.get_random_values_with_u8_array(&mut bytes))
            .is_ok();
        if !filled {
            // No crypto (never in a browser that runs WebAssembly): time and Math.random.
            let now = js_sys_now();
            for (i, byte) in bytes.iter_mut().enumerate() {
                *byte = ((now * (i as f64 + 1.0) * leptos::web_sys::js_sys::Math::random()) as u64
                    % 256) as u8;
            }
        }
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    fn js_sys_now() -> f64 {
        leptos::web_sys::js_sys::Date::now()
    }

    fn storage() -> Option<leptos::web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    impl Sender {
        pub fn start(
            meeting: Uuid,
            saved: RwSignal<HashMap<Uuid, (Option<Mark>, String)>>,
            queue: RwSignal<Vec<Pending>>,
            errors: RwSignal<HashMap<Uuid, String>>,
            login_needed: RwSignal<bool>,
            texts: StoredValue<SheetTexts>,
        ) -> Sender {
            let sender = Sender {
                meeting,
                saved,
                queue,
                errors,
                login_needed,
                texts,
                in_flight: StoredValue::new(None),
            };
            Effect::new(move |_| {
                // What an earlier visit left unsaved (a reload while offline), taken back once the
                // page has hydrated: set while hydrating, it would render other nodes than the
                // server's and stop the page (an unrecoverable hydration error).
                let kept: Vec<Pending> = storage()
                    .and_then(|s| s.get_item(&storage_key(meeting)).ok().flatten())
                    .and_then(|raw| serde_json::from_str(&raw).ok())
                    .unwrap_or_default();
                if !kept.is_empty() {
                    queue.set(kept);
                }
                sender.flush();
                let handle = window_event_listener(leptos::ev::online, move |_| sender.flush());
                std::mem::forget(handle);
                let on_visible = Closure::<dyn Fn()>::new(move || {
                    if document().visibility_state() == leptos::web_sys::VisibilityState::Visible {
                        sender.flush();
                    }
                });
                let _ = document().add_event_listener_with_callback(
                    "visibilitychange",
                    on_visible.as_ref().unchecked_ref(),
                );
                on_visible.forget();
                // Runs as long as the page: its handle is not kept.
                let _ = set_interval_with_handle(
                    move || {
                        if !sender.queue.read_untracked().is_empty() {
                            sender.flush();
                        }
                    },
                    RETRY,
                );
            });
            sender
        }

        fn persist(&self) {
            let queue = self.queue.get_untracked();
            if let Some(storage) = storage() {
                let key = storage_key(self.meeting);
                if queue.is_empty() {
                    let _ = storage.remove_item(&key);
                } else if let Ok(raw) = serde_json::to_string(&queue) {
                    let _ = storage.set_item(&key, &raw);
                }
            }
        }

        /// A tap: the mark shows at once, waits in the queue (kept in the browser) and is sent.
        pub fn tap(&self, member: Uuid, mark: Mark, note: Option<String>) {
            let pending = Pending {
                client_id: new_id(),
                member_id: member,
                mark,
                note,
            };
            let in_flight = self.in_flight.get_value();
            self.queue.update(|q| enqueue(q, pending, in_flight));
            self.errors.update(|e| {
                e.remove(&member);
            });
            self.persist();
            self.flush();
        }

        /// Sends the queue in order, one mark at a time, until it is empty or the network fails.
        pub fn flush(&self) {
            if self.in_flight.get_value().is_some() {
                return;
            }
            let Some(next) = self.queue.get_untracked().first().cloned() else {
                return;
            };
            self.in_flight.set_value(Some(next.client_id));
            let sender = *self;
            spawn_local(async move {
                let result = crate::register::api::mark_attendance(
                    sender.meeting.to_string(),
                    next.member_id.to_string(),
                    next.mark.code().to_string(),
                    next.note.clone(),
                    next.client_id.to_string(),
                )
                .await;
                sender.in_flight.set_value(None);
                let go_on = match result {
                    Ok(saved) => {
                        sender.login_needed.set(false);
                        sender.saved.update(|s| {
                            s.insert(saved.member_id, (Some(saved.mark), saved.note));
                        });
                        sender.done(next.client_id);
                        true
                    }
                    // The network, the server or the database is away: keep it, try later.
                    Err(AppError::Transport(_) | AppError::Unavailable | AppError::Internal) => {
                        false
                    }
                    // The session ended: keep it until the staff member logs in again.
                    Err(AppError::Unauthenticated) => {
                        sender.login_needed.set(true);
                        false
                    }
                    // Refused (the register closed, the person is not in it...): not to retry.
                    Err(_) => {
                        let text = sender.texts.with_value(|t| t.refused.clone());
                        sender.errors.update(|e| {
                            e.insert(next.member_id, text);
                        });
                        sender.done(next.client_id);
                        true
                    }
                };
                if go_on {
                    sender.flush();
                }
            });
        }

        fn done(&self, client_id: Uuid) {
            self.queue
                .update(|q| q.retain(|p| p.client_id != client_id));
            self.persist();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(member: Uuid, mark: Mark) -> Pending {
        Pending {
            client_id: Uuid::new_v4(),
            member_id: member,
            mark,
            note: None,
        }
    }

    #[test]
    fn only_the_last_waiting_mark_of_a_person_is_kept_unless_it_is_being_sent() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let mut queue = Vec::new();
        enqueue(&mut queue, pending(a, Mark::Present), None);
        enqueue(&mut queue, pending(b, Mark::Absent), None);
        enqueue(&mut queue, pending(a, Mark::Late), None);
        let marks: Vec<(Uuid, Mark)> = queue.iter().map(|p| (p.member_id, p.mark)).collect();
        assert_eq!(marks, [(b, Mark::Absent), (a, Mark::Late)]);
        let sending = queue[0].client_id;
        enqueue(&mut queue, pending(b, Mark::Excused), Some(sending));
        assert_eq!(queue.len(), 3, "the mark being sent stays until its answer");
    }

    #[test]
    fn waiting_marks_show_over_the_saved_ones() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let saved = HashMap::from([
            (a, (Some(Mark::Absent), "nota".to_string())),
            (b, (None, String::new())),
        ]);
        let mut queue = vec![pending(a, Mark::Present)];
        queue[0].note = Some(String::new());
        let shown = shown(&saved, &queue);
        assert_eq!(shown[&a], (Some(Mark::Present), String::new()));
        assert_eq!(shown[&b], (None, String::new()));
    }
}
