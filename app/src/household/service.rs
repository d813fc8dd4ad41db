//! Household use cases. Every query is bounded by the caller's household: a member id of another
//! household is "not found", never touched.

use sqlx::PgPool;
use uuid::Uuid;

use super::domain::{AttendedMeeting, ConsentKind, Consents, Member, MemberDetails, Relation};
use crate::accounts::domain::PRIVACY_NOTICE_VERSION;
use crate::shared::clock::today_in_rome;
use crate::shared::error::AppError;

/// Most members a household may have (a large family, with grandparents and foster children).
pub const MAX_MEMBERS: i64 = 20;

/// The members of a household, adults first, then by birth date.
pub async fn members(pool: &PgPool, household_id: Uuid) -> Result<Vec<Member>, AppError> {
    let rows = sqlx::query!(
        "select member_id, first_name, last_name, birth_date, relation, user_id
         from household_member where household_id = $1
         order by birth_date, first_name",
        household_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Member {
            member_id: row.member_id,
            first_name: row.first_name,
            last_name: row.last_name,
            birth_date: row.birth_date,
            relation: Relation::parse(&row.relation).unwrap_or(Relation::Other),
            is_account_holder: row.user_id.is_some(),
        })
        .collect())
}

/// Adds a member to the household.
pub async fn add_member(
    pool: &PgPool,
    household_id: Uuid,
    details: &MemberDetails,
) -> Result<Uuid, AppError> {
    let mut tx = pool.begin().await?;
    lock_household(&mut tx, household_id).await?;
    let count = sqlx::query_scalar!(
        "select count(*) as \"n!\" from household_member where household_id = $1",
        household_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if count >= MAX_MEMBERS {
        return Err(AppError::conflict("errors.too_many_members"));
    }
    refuse_same_person(&mut tx, household_id, None, details).await?;
    let member_id = sqlx::query_scalar!(
        "insert into household_member (household_id, kind, relation, first_name, last_name, birth_date)
         values ($1, $2, $3, $4, $5, $6) returning member_id",
        household_id,
        details.kind(today_in_rome()),
        details.relation.code(),
        details.first_name,
        details.last_name,
        details.birth_date
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(member_id)
}

/// Changes a member's details.
pub async fn update_member(
    pool: &PgPool,
    household_id: Uuid,
    member_id: Uuid,
    details: &MemberDetails,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_household(&mut tx, household_id).await?;
    let updated = sqlx::query!(
        "update household_member
         set kind = $3, relation = $4, first_name = $5, last_name = $6, birth_date = $7
         where member_id = $1 and household_id = $2",
        member_id,
        household_id,
        details.kind(today_in_rome()),
        details.relation.code(),
        details.first_name,
        details.last_name,
        details.birth_date
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(AppError::NotFound);
    }
    // After the update, so another household's member is "not found" whatever its details; a
    // refusal rolls the update back.
    refuse_same_person(&mut tx, household_id, Some(member_id), details).await?;
    tx.commit().await?;
    Ok(())
}

/// Takes the household's row lock until the transaction ends: changes to its members one at a
/// time, so two additions at once cannot both pass the member limit or the duplicate check.
async fn lock_household(conn: &mut sqlx::PgConnection, household_id: Uuid) -> Result<(), AppError> {
    sqlx::query!(
        "select household_id from household where household_id = $1 for update",
        household_id
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}

/// Refuses a person the household already has (same names and birth date), but `except`: a
/// second tap on "Aggiungi" must not add the same child twice. The caller holds the household's
/// row lock, so two requests at once cannot both pass.
async fn refuse_same_person(
    conn: &mut sqlx::PgConnection,
    household_id: Uuid,
    except: Option<Uuid>,
    details: &MemberDetails,
) -> Result<(), AppError> {
    let born_that_day = sqlx::query!(
        "select first_name, last_name from household_member
         where household_id = $1 and birth_date = $2 and member_id is distinct from $3",
        household_id,
        details.birth_date,
        except
    )
    .fetch_all(conn)
    .await?;
    if born_that_day
        .iter()
        .any(|row| details.same_person(&row.first_name, &row.last_name, details.birth_date))
    {
        return Err(AppError::validation("first_name", "errors.member_exists"));
    }
    Ok(())
}

/// Removes a member. Not the account holder, and not someone with a live booking of a meeting
/// still to come (cancel it first, so the seat goes to the next family).
pub async fn remove_member(
    pool: &PgPool,
    household_id: Uuid,
    member_id: Uuid,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let member = sqlx::query!(
        "select user_id from household_member where member_id = $1 and household_id = $2 for update",
        member_id,
        household_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    if member.user_id.is_some() {
        return Err(AppError::conflict("errors.cannot_remove_account_holder"));
    }
    let booked = sqlx::query_scalar!(
        r#"select exists(
             select 1 from booking_participant bp
             join booking b on b.booking_id = bp.booking_id
             left join group_session gs on gs.group_session_id = bp.group_session_id
             left join lateral (select max(x.ends_at) as ends_at from group_session x
                                where x.cycle_id = bp.cycle_id) c on true
             where bp.member_id = $1 and bp.is_active and b.status <> 'cancelled'
               and coalesce(gs.ends_at, c.ends_at) > now()) as "booked!""#,
        member_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if booked {
        return Err(AppError::conflict("errors.member_has_bookings"));
    }
    sqlx::query!(
        "delete from household_member where member_id = $1",
        member_id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The household's consents as they stand (the latest choice of each kind).
pub async fn consents(pool: &PgPool, household_id: Uuid) -> Result<Consents, AppError> {
    let rows = sqlx::query!(
        "select distinct on (kind) kind, granted from consent
         where household_id = $1 and member_id is null
         order by kind, created_at desc, consent_id",
        household_id
    )
    .fetch_all(pool)
    .await?;
    let granted = |kind: ConsentKind| {
        rows.iter()
            .any(|row| row.kind == kind.code() && row.granted)
    };
    Ok(Consents {
        data_processing: granted(ConsentKind::DataProcessing),
        photos: granted(ConsentKind::Photos),
    })
}

/// Records a parent's choice for a consent (a new row: the history is kept).
pub async fn set_consent(
    pool: &PgPool,
    household_id: Uuid,
    user_id: Uuid,
    kind: ConsentKind,
    granted: bool,
) -> Result<(), AppError> {
    sqlx::query!(
        "insert into consent (household_id, kind, text_version, granted, given_by)
         values ($1, $2, $3, $4, $5)",
        household_id,
        kind.code(),
        PRIVACY_NOTICE_VERSION,
        granted,
        user_id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The most meetings the household's history lists (the newest).
pub const HISTORY_LIMIT: i64 = 200;

/// The meetings the household's members attended (present or late), newest first, with the
/// members who were there; in `lang` for the services' names.
pub async fn attended(
    pool: &PgPool,
    household_id: Uuid,
    lang: &str,
) -> Result<Vec<AttendedMeeting>, AppError> {
    let locale = crate::shared::lang::content_locale(lang);
    let rows = sqlx::query!(
        r#"select gs.group_session_id, gs.starts_at, gs.title,
                  coalesce(st.name, s.name) as "service!",
                  array_agg(m.first_name order by m.birth_date, m.first_name) as "members!"
           from attendance a
           join household_member m on m.member_id = a.member_id
           join group_session gs on gs.group_session_id = a.group_session_id
           join service s on s.service_id = gs.service_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           where m.household_id = $1 and a.status in ('present', 'late')
           group by gs.group_session_id, st.name, s.name
           order by gs.starts_at desc, gs.group_session_id
           limit $3"#,
        household_id,
        locale,
        HISTORY_LIMIT
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| AttendedMeeting {
            meeting_id: row.group_session_id,
            day_label: format!(
                "{} {}",
                crate::shared::time::day_label(row.starts_at, locale),
                row.starts_at
                    .with_timezone(&crate::shared::time::ROME)
                    .format("%Y")
            ),
            title: row.title,
            service: row.service,
            members: row.members,
        })
        .collect())
}
