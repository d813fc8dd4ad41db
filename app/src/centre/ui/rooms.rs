//! `/gestione/sale`: a polo's rooms.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use super::place::{CentrePicker, PlaceError};
use super::room_form::{EditRoomForm, NewRoomForm};
use crate::centre::api::{get_rooms, AddRoom, SetRoomActive, UpdateRoom, ROOMS_PATH};
use crate::centre::domain::Room;
use crate::centre::model::RoomsView;
use crate::shared::form_echo::echoed;
use crate::shared::i18n::*;
use crate::shared::ui::{action_error, current_lang, FormError, Notice, PageTitle};

/// `/gestione/sale`: the rooms of a polo (`?polo=<slug>`, or the viewer's only one), with
/// their places and accessibility. Coordinators and administrators add, change, deactivate and
/// reactivate them; operators read.
#[component]
pub fn RoomsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let add = ServerAction::<AddRoom>::new();
    let update = ServerAction::<UpdateRoom>::new();
    let set_active = ServerAction::<SetRoomActive>::new();
    let rooms = Resource::new(
        move || {
            (
                query.read().get("polo").unwrap_or_default(),
                current_lang(i18n),
                add.version().get() + update.version().get() + set_active.version().get(),
            )
        },
        |(polo, lang, _)| get_rooms(polo, lang),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, centre_admin.rooms_title).to_string()/>
        <div class="container py-4 centre-admin">
            <h1>{t!(i18n, centre_admin.rooms_title)}</h1>
            <Transition fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match rooms.await {
                        Err(error) => view! { <PlaceError error path=ROOMS_PATH/> }.into_any(),
                        Ok(view) if view.place.current.is_none() => view! {
                            <CentrePicker place=view.place path=ROOMS_PATH/>
                        }.into_any(),
                        Ok(view) => view! { <CentreRooms view add update set_active/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// What the page confirms after a change (`?fatto=<what>&sala=<id>`).
fn done_text(i18n: leptos_i18n::I18nContext<Locale>, what: &str, name: String) -> Option<String> {
    Some(match what {
        "aggiunta" => t_string!(i18n, centre_admin.room_added, name).to_string(),
        "salvata" => t_string!(i18n, centre_admin.room_saved, name).to_string(),
        "disattivata" => t_string!(i18n, centre_admin.room_deactivated, name).to_string(),
        "riattivata" => t_string!(i18n, centre_admin.room_reactivated, name).to_string(),
        _ => return None,
    })
}

#[component]
fn CentreRooms(
    view: RoomsView,
    add: ServerAction<AddRoom>,
    update: ServerAction<UpdateRoom>,
    set_active: ServerAction<SetRoomActive>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let Some(centre) = view.place.current.clone() else {
        return ().into_any();
    };
    let can_manage = view.place.can_manage;
    let rooms = view.rooms;
    let room_named = |id: Option<String>| {
        let id = id.and_then(|id| Uuid::parse_str(&id).ok())?;
        rooms.iter().find(|room| room.room_id == id).cloned()
    };
    let done = query.with_untracked(|query| {
        let room = room_named(query.get("sala"))?;
        done_text(i18n, &query.get("fatto")?, room.name)
    });
    // The room being changed: the one whose "Modifica" was followed, or whose change failed
    // without JavaScript.
    let editing = can_manage
        .then(|| {
            let failed = echoed(<UpdateRoom as ServerFn>::PATH)
                .and_then(|echo| echo.value("room_id").map(str::to_string));
            room_named(failed.or_else(|| query.with_untracked(|query| query.get("modifica"))))
        })
        .flatten();
    let active_error = action_error(set_active);
    let slug = centre.slug.clone();
    let caption_name = centre.name.clone();
    view! {
        <p class="lead">{centre.name.clone()}</p>
        <CentrePicker place=view.place path=ROOMS_PATH/>
        <p>{t!(i18n, centre_admin.rooms_intro)}</p>
        <Notice text=Signal::stored(done)/>
        <FormError error=active_error/>
        <section aria-labelledby="sale">
            <h2 id="sale" class="h4">{t!(i18n, centre_admin.rooms_list_title)}</h2>
            {if rooms.is_empty() {
                view! { <p data-testid="no-rooms">{t!(i18n, centre_admin.no_rooms)}</p> }.into_any()
            } else {
                view! {
                    <table class="table room-table" data-testid="rooms">
                        <caption class="visually-hidden">
                            {move || t_string!(i18n, centre_admin.rooms_caption, centre = caption_name.clone()).to_string()}
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, centre_admin.room_name)}</th>
                                <th scope="col">{t!(i18n, centre_admin.room_capacity_short)}</th>
                                <th scope="col">{t!(i18n, centre_admin.room_accessible_short)}</th>
                                <th scope="col">{t!(i18n, centre_admin.room_status)}</th>
                                {can_manage.then(|| view! { <th scope="col">{t!(i18n, centre_admin.actions)}</th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {rooms
                                .iter()
                                .cloned()
                                .map(|room| view! { <RoomRow room centre=slug.clone() can_manage set_active/> })
                                .collect_view()}
                        </tbody>
                    </table>
                    <p class="small">{t!(i18n, centre_admin.inactive_note)}</p>
                }.into_any()
            }}
        </section>
        {editing.map(|room| view! { <EditRoomForm action=update centre=centre.slug.clone() room/> })}
        {if can_manage {
            view! { <NewRoomForm action=add centre=centre.slug.clone()/> }.into_any()
        } else {
            view! { <p class="callout">{t!(i18n, centre_admin.read_only)}</p> }.into_any()
        }}
    }
    .into_any()
}

/// One room: a table row on a wide screen, a card on a phone (each cell says what it is).
#[component]
fn RoomRow(
    room: Room,
    centre: String,
    can_manage: bool,
    set_active: ServerAction<SetRoomActive>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = room.room_id.to_string();
    let active = room.is_active;
    let accessible = room.is_accessible;
    let label = move |text: fn(leptos_i18n::I18nContext<Locale>) -> String| move || text(i18n);
    let edit_href = format!("{ROOMS_PATH}?polo={centre}&modifica={id}#modifica");
    let name = room.name.clone();
    let row_id = format!("sala-{id}");
    view! {
        <tr id=row_id class:room-inactive=!active data-testid="room">
            <th scope="row" class="room-name">{room.name.clone()}</th>
            <td data-label=label(|i18n| t_string!(i18n, centre_admin.room_capacity_short).to_string())>
                {room.capacity}
            </td>
            <td data-label=label(|i18n| t_string!(i18n, centre_admin.room_accessible_short).to_string())>
                {move || if accessible {
                    t_string!(i18n, centre_admin.yes).to_string()
                } else {
                    t_string!(i18n, centre_admin.no).to_string()
                }}
            </td>
            <td data-label=label(|i18n| t_string!(i18n, centre_admin.room_status).to_string())>
                {if active {
                    view! { <span class="badge bg-success">{t!(i18n, centre_admin.room_active)}</span> }.into_any()
                } else {
                    view! { <span class="badge bg-secondary">{t!(i18n, centre_admin.room_inactive)}</span> }.into_any()
                }}
            </td>
            {can_manage.then(|| view! {
                <td class="room-actions">
                    <a class="btn btn-outline-primary btn-sm" href=edit_href>
                        {t!(i18n, centre_admin.edit)}
                        <span class="visually-hidden">" " {name.clone()}</span>
                    </a>
                    <ActionForm action=set_active>
                        <input type="hidden" name="centre" value=centre.clone()/>
                        <input type="hidden" name="room_id" value=id.clone()/>
                        <input type="hidden" name="active" value=if active { "false" } else { "true" }/>
                        <button type="submit" class="btn btn-outline-secondary btn-sm">
                            {if active {
                                t!(i18n, centre_admin.deactivate).into_any()
                            } else {
                                t!(i18n, centre_admin.reactivate).into_any()
                            }}
                            <span class="visually-hidden">" " {name.clone()}</span>
                        </button>
                    </ActionForm>
                </td>
            })}
        </tr>
    }
}
