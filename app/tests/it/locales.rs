//! Every interface text exists in every language: a key missing in one locale fails here.

use std::collections::BTreeSet;

fn keys(prefix: &str, value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                keys(&path, child, out);
            }
        }
        _ => {
            out.insert(prefix.to_string());
        }
    }
}

fn locale(text: &str) -> BTreeSet<String> {
    let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    let mut out = BTreeSet::new();
    keys("", &value, &mut out);
    out
}

/// `{{ name }}` placeholders of every key.
fn placeholders(text: &str) -> BTreeSet<(String, String)> {
    let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    let mut all = BTreeSet::new();
    keys("", &value, &mut all);
    let mut out = BTreeSet::new();
    for key in all {
        let mut node = &value;
        for part in key.split('.') {
            node = &node[part];
        }
        let s = node.as_str().unwrap_or_default();
        for piece in s.split("{{").skip(1) {
            if let Some(name) = piece.split("}}").next() {
                out.insert((key.clone(), name.trim().to_string()));
            }
        }
    }
    out
}

const IT: &str = include_str!("../../locales/it.json");
const EN: &str = include_str!("../../locales/en.json");

#[test]
fn italian_and_english_have_exactly_the_same_keys() {
    let (it, en) = (locale(IT), locale(EN));
    let missing_in_en: Vec<_> = it.difference(&en).collect();
    let missing_in_it: Vec<_> = en.difference(&it).collect();
    assert!(
        missing_in_en.is_empty(),
        "missing in en.json: {missing_in_en:?}"
    );
    assert!(
        missing_in_it.is_empty(),
        "missing in it.json: {missing_in_it:?}"
    );
    assert!(
        it.len() > 40,
        "the interface has its texts in the locale files"
    );
}

#[test]
fn every_translation_uses_the_same_placeholders() {
    assert_eq!(placeholders(IT), placeholders(EN));
}

#[test]
fn no_translation_is_left_empty() {
    for (name, text) in [("it", IT), ("en", EN)] {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        for key in locale(text) {
            let mut node = &value;
            for part in key.split('.') {
                node = &node[part];
            }
            assert!(
                !node.as_str().unwrap_or_default().trim().is_empty(),
                "{name}.json: {key} is empty"
            );
        }
    }
}
