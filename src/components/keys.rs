//! Signing keys on this device: create one (protected by a passphrase), see its key id and
//! fingerprint, save the public key for the Authority, back up the secret key in minisign's format,
//! import a backup on another laptop, delete.

use crate::browser::keystore::{self, StoredKey};
use crate::browser::{clock, files};
use crate::i18n::{lang, t, translated, tx};
use leptos::prelude::*;
use mgl_domain::bundle::keys::{self, PublicKeyInfo, BROWSER_MAX_KDF_MEMORY, MIN_PASSPHRASE_CHARS};
use mgl_domain::bundle::BundleError;

/// Gives the browser a frame to paint "Protecting the key…" before scrypt holds the thread.
pub(crate) async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = crate::browser::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Stores a new key; resolves once it is on disk.
async fn store(label: &str, secret_file: String, info: PublicKeyInfo) -> Result<StoredKey, String> {
    let key = StoredKey {
        key_id: info.key_id,
        label: label.trim().to_owned(),
        fingerprint: info.fingerprint,
        secret_file,
        pub_file: info.pub_file,
        created_ms: clock::now_ms(),
    };
    keystore::save(&key).await?;
    Ok(key)
}

#[component]
pub fn KeysPage() -> impl IntoView {
    // `None` until read from the device.
    let keys = RwSignal::new(None::<Vec<StoredKey>>);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            keys.try_set(Some(keystore::list().await));
        })
    };
    refresh();
    let label = RwSignal::new(String::new());
    let pass = RwSignal::new(String::new());
    let pass_again = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let confirm_delete = RwSignal::new(None::<String>);

    let create = move |_| {
        error.set(None);
        notice.set(None);
        let (l, p, p2) = (label.get(), pass.get(), pass_again.get());
        if l.trim().is_empty() {
            error.set(Some(t("Say whose key this is: the name of the person who signs, and the organisation.").into()));
            return;
        }
        if p.chars().count() < MIN_PASSPHRASE_CHARS {
            error.set(Some(format!(
                "{} {MIN_PASSPHRASE_CHARS}.",
                t("The passphrase must have at least this many characters:")
            )));
            return;
        }
        if p != p2 {
            error.set(Some(
                t("The two passphrases differ: type the same passphrase twice.").into(),
            ));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            next_frame().await;
            let started = clock::now_ms();
            let result = match keys::generate(&p) {
                Ok((secret, info)) => store(&l, secret, info).await,
                Err(e) => Err(BundleError::from(e).render(lang())),
            };
            let took = (clock::now_ms() - started) / 1000.0;
            busy.try_set(false);
            match result {
                Ok(key) => {
                    pass.try_set(String::new());
                    pass_again.try_set(String::new());
                    label.try_set(String::new());
                    notice.try_set(Some(format!(
                        "{} {} ({} {:.1} s). {}",
                        t("Key created:"),
                        key.key_id,
                        t("protected in"),
                        took,
                        t("Save its public key for the Authority and back up the secret key now.")
                    )));
                    refresh();
                }
                Err(e) => _ = error.try_set(Some(e)),
            }
        });
    };

    // Import: a secret-key file (a backup, or made by minisign) and its passphrase.
    let import_text = RwSignal::new(None::<(String, String)>);
    let import_pass = RwSignal::new(String::new());
    let on_import_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::picked_file(&ev) else {
            return;
        };
        error.try_set(None);
        leptos::task::spawn_local(async move {
            match files::read_text(&file).await {
                Ok(text) => match keys::kdf_memory(&text) {
                    Ok(_) => _ = import_text.try_set(Some((file.name(), text))),
                    Err(e) => _ = error.try_set(Some(BundleError::from(e).render(lang()))),
                },
                Err(e) => _ = error.try_set(Some(e)),
            }
        });
    };
    let do_import = move |_| {
        let Some((name, text)) = import_text.get() else {
            return;
        };
        let p = import_pass.get();
        busy.try_set(true);
        error.try_set(None);
        leptos::task::spawn_local(async move {
            next_frame().await;
            let result = match keys::unlock(&text, &p, BROWSER_MAX_KDF_MEMORY) {
                Ok((_, pk)) => {
                    let stem = name.trim_end_matches(".key");
                    store(stem, text.clone(), PublicKeyInfo::of(&pk)).await
                }
                Err(e) => Err(BundleError::from(e).render(lang())),
            };
            busy.try_set(false);
            match result {
                Ok(key) => {
                    import_text.try_set(None);
                    import_pass.try_set(String::new());
                    notice.try_set(Some(format!("{} {}", t("Key imported:"), key.key_id)));
                    refresh();
                }
                Err(e) => _ = error.try_set(Some(e)),
            }
        });
    };

    let rows = move || {
        keys.get()
            .unwrap_or_default()
            .into_iter()
            .map(|key| {
                let id = key.key_id.clone();
                let id_for_delete = id.clone();
                let id_confirm = id.clone();
                let id_to_delete = id.clone();
                let pub_name = files::safe_file_name(&format!("{} {}", key.label, key.key_id), "pub");
                let key_name = files::safe_file_name(&format!("{} {}", key.label, key.key_id), "key");
                let pub_file = key.pub_file.clone();
                let secret_file = key.secret_file.clone();
                view! {
                    <li class="key-card" data-key-id=id.clone()>
                        <p class="key-label"><strong>{key.label.clone()}</strong></p>
                        <dl>
                            <dt>{tx("Key id")}</dt><dd><code class="key-id">{id.clone()}</code></dd>
                            <dt>{tx("Fingerprint")}</dt><dd><code class="fingerprint">{key.fingerprint.clone()}</code></dd>
                        </dl>
                        <div class="key-actions">
                            <button type="button" class="secondary" on:click=move |_| {
                                let _ = files::download_text(&pub_name, "text/plain", &pub_file);
                            }>{tx("Save the public key (.pub)")}</button>
                            <button type="button" class="secondary" on:click=move |_| {
                                let _ = files::download_text(&key_name, "text/plain", &secret_file);
                            }>{tx("Back up the secret key (.key)")}</button>
                            <button type="button" class="secondary danger" on:click=move |_| confirm_delete.set(Some(id_for_delete.clone()))>{tx("Delete")}</button>
                        </div>
                        <Show when=move || confirm_delete.get().as_deref() == Some(id_confirm.as_str())>
                            {
                                let id = id_to_delete.clone();
                                view! {
                                    <p class="confirm" role="alert">
                                        {tx("Delete this key from this device? Without a backup, bundles can no longer be signed with it.")} " "
                                        <button type="button" class="danger" on:click={
                                            let id = id.clone();
                                            move |_| {
                                                let id = id.clone();
                                                leptos::task::spawn_local(async move {
                                                    if let Err(e) = keystore::delete(&id).await {
                                                        error.try_set(Some(e));
                                                    }
                                                    confirm_delete.try_set(None);
                                                    refresh();
                                                });
                                            }
                                        }>{tx("Yes, delete")}</button> " "
                                        <button type="button" class="secondary" on:click=move |_| confirm_delete.set(None)>{tx("Keep it")}</button>
                                    </p>
                                }
                            }
                        </Show>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <main class="drafts keys" id="main" tabindex="-1">
            <h2>{tx("Signing keys")}</h2>
            <p class="lead">{tx("A signing key signs the application's bundle so that the Authority can check that nothing changed after you signed. Its fingerprint is printed on the declaration page that the principal officer signs and swears in ink: the sworn paper vouches for the key.")}</p>
            <p class="help">{tx("The secret key stays on this device, protected by its passphrase; nobody can recover a forgotten passphrase. Back it up to a USB stick to sign on another laptop.")}</p>
            {move || error.get().map(|e| view! { <p class="message error" role="alert">{translated(&e)}</p> })}
            {move || notice.get().map(|n| view! { <p class="message ok" role="status">{n}</p> })}
            <Show when=move || keys.with(|k| k.as_ref().is_some_and(|k| !k.is_empty()))
                fallback=move || view! { {move || keys.with(Option::is_some).then(|| view! { <p class="empty">{tx("No signing key on this device yet.")}</p> })} }>
                <ul class="key-list">{rows}</ul>
            </Show>

            <section class="group">
                <h3>{tx("Create a signing key")}</h3>
                <div class="field">
                    <label for="key-label">{tx("Whose key is it (name and organisation)")}</label>
                    <input type="text" id="key-label" autocomplete="name" prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="key-pass">{tx("Passphrase")}</label>
                    <p class="help">{move || format!("{} {MIN_PASSPHRASE_CHARS} {}", t("At least"), t("characters; a few words are easier to remember than symbols."))}</p>
                    <input type="password" id="key-pass" autocomplete="new-password" prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="key-pass-again">{tx("The same passphrase again")}</label>
                    <input type="password" id="key-pass-again" autocomplete="new-password" prop:value=move || pass_again.get() on:input=move |ev| pass_again.set(event_target_value(&ev)) />
                </div>
                <button type="button" class="primary" prop:disabled=move || busy.get() on:click=create>
                    {move || if busy.get() { t("Protecting the key…") } else { t("Create the key") }}
                </button>
            </section>

            <section class="group">
                <h3>{tx("Import a key")}</h3>
                <p class="help">{tx("A secret key backed up from this app, or made with the minisign tool (.key).")}</p>
                <label class="file-button secondary-button">
                    {tx("Choose a secret key file")}
                    <input type="file" accept=".key,text/plain" on:change=on_import_file />
                </label>
                {move || import_text.get().map(|(name, _)| view! {
                    <div class="field">
                        <label for="import-pass">{move || format!("{} {name}", t("Passphrase of"))}</label>
                        <input type="password" id="import-pass" autocomplete="current-password" prop:value=move || import_pass.get() on:input=move |ev| import_pass.set(event_target_value(&ev)) />
                    </div>
                    <button type="button" class="primary" prop:disabled=move || busy.get() on:click=do_import>{tx("Import the key")}</button>
                })}
            </section>
        </main>
    }
}

/// "Signs as": the role a signature is made in (`applicant` or `ngo`), as the signature's file name
/// and trusted comment say it. Shared by the Review step and the Verify page's "Add a signature".
#[component]
pub fn SignerRole(role: RwSignal<&'static str>, name: String) -> impl IntoView {
    let option = move |code: &'static str, label: &'static str| {
        view! {
            <label class="choice">
                <input type="radio" name=name.clone() prop:checked=move || role.get() == code on:change=move |_| role.set(code) />
                <span>{tx(label)}</span>
            </label>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{tx("Signs as")}</legend>
            <div class="choices">
                {option("applicant", "the applicant (principal officer)")}
                {option("ngo", "the assisting organisation")}
            </div>
        </fieldset>
    }
}
