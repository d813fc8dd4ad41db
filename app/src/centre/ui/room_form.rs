//! The forms of a room: adding one, and changing one.

use leptos::prelude::*;

use crate::centre::api::{AddRoom, UpdateRoom, ROOMS_PATH};
use crate::centre::domain::Room;
use crate::shared::i18n::*;
use crate::shared::ui::{Field, Form, FormError, SelectField, SubmitButton};

/// The fields of a room inside a [`Form`], empty or filled in with `room`.
#[component]
fn RoomFields(centre: String, room: Option<Room>) -> impl IntoView {
    let i18n = use_i18n();
    let (name, capacity, accessible) = match room {
        Some(room) => (
            room.name,
            room.capacity.to_string(),
            if room.is_accessible { "yes" } else { "no" },
        ),
        None => (String::new(), String::new(), "yes"),
    };
    let text = move |text: fn(leptos_i18n::I18nContext<Locale>) -> String| {
        Signal::derive(move || text(i18n))
    };
    view! {
        <input type="hidden" name="centre" value=centre/>
        <Field name="name" value=name
            label=text(|i18n| t_string!(i18n, centre_admin.room_name).to_string())/>
        <Field name="capacity" input_type="number" value=capacity
            label=text(|i18n| t_string!(i18n, centre_admin.room_capacity).to_string())
            hint=text(|i18n| t_string!(i18n, centre_admin.room_capacity_hint).to_string())/>
        <SelectField name="accessible" value=accessible
            label=text(|i18n| t_string!(i18n, centre_admin.room_accessible).to_string())
            options=vec![
                ("yes".to_string(), text(|i18n| t_string!(i18n, centre_admin.yes).to_string())),
                ("no".to_string(), text(|i18n| t_string!(i18n, centre_admin.no).to_string())),
            ]/>
    }
}

/// "Aggiungi una sala".
#[component]
pub fn NewRoomForm(action: ServerAction<AddRoom>, centre: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card-box form-page" aria-labelledby="aggiungi-sala">
            <h2 id="aggiungi-sala" class="h4">{t!(i18n, centre_admin.add_room_title)}</h2>
            <Form action id_prefix="nuova-">
                <RoomFields centre room=None/>
                <FormError/>
                <SubmitButton>{t!(i18n, centre_admin.add_room_submit)}</SubmitButton>
            </Form>
        </section>
    }
}

/// "Modifica la sala «Sala Blu»": opened by the room's "Modifica" link (`?modifica=<id>`), or
/// by a change that failed without JavaScript.
#[component]
pub fn EditRoomForm(action: ServerAction<UpdateRoom>, centre: String, room: Room) -> impl IntoView {
    let i18n = use_i18n();
    let room_id = room.room_id.to_string();
    let back = format!("{ROOMS_PATH}?polo={centre}#sala-{room_id}");
    let name = room.name.clone();
    view! {
        <section class="card-box form-page room-edit" id="modifica" aria-labelledby="modifica-sala" data-testid="room-edit">
            <h2 id="modifica-sala" class="h4">
                {move || t_string!(i18n, centre_admin.edit_room_title, name = name.clone()).to_string()}
            </h2>
            <Form action id_prefix="modifica-">
                <input type="hidden" name="room_id" value=room_id/>
                <RoomFields centre room=Some(room)/>
                <FormError/>
                <div class="form-actions">
                    <SubmitButton>{t!(i18n, centre_admin.edit_room_submit)}</SubmitButton>
                    <a class="btn btn-outline-primary" href=back>{t!(i18n, centre_admin.cancel)}</a>
                </div>
            </Form>
        </section>
    }
}
