//! Signing keys and signatures in minisign's formats (Ed25519, prehashed with BLAKE2b), so that the
//! Authority can check a bundle with the `minisign` tool and an applicant can move a key between the
//! app and that tool.
//!
//! A secret key only ever exists at rest as minisign's passphrase-encrypted box, which is what the
//! app keeps in the browser's storage and what "Back up" exports. It is decrypted for the moment of
//! signing. The scrypt cost is libsodium's "interactive" one (N = 2^14, r = 8, p = 1: 16 MiB):
//! wasm memory never shrinks, and the whole app must stay within 32 MiB on a 4 GB laptop.

pub use minisign::PublicKey;

use crate::hash::sha256_hex;
use crate::{reason, Error, Reason};
use ct_codecs::{Base64, Decoder, Encoder};

pub use minisign::SecretKey;

/// The largest scrypt memory a key may ask for when unlocked in a browser. Keys made by the
/// `minisign` C tool ask for 1 GiB, which a 4 GB laptop's browser cannot spare; `mgl key
/// reprotect` rewrites such a key with the app's 16 MiB.
pub const BROWSER_MAX_KDF_MEMORY: u64 = 64 * 1024 * 1024;
/// The shortest passphrase accepted for a new key.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

fn key_error(why: Reason) -> Error {
    Error::Key(why)
}

/// A public key as people see it: the 16-digit key id minisign prints, the two-line `.pub` file,
/// and a fingerprint to print on the sworn declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicKeyInfo {
    pub key_id: String,
    /// minisign's `.pub` file: an untrusted comment line and the base64 key.
    pub pub_file: String,
    /// SHA-256 of the decoded base64 key (algorithm, key id and key: 42 bytes), in groups of 4 hex
    /// digits: `tail -1 key.pub | base64 -d | sha256sum`.
    pub fingerprint: String,
}

fn key_id_of(keynum: &[u8]) -> String {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&keynum[..8]);
    format!("{:016X}", u64::from_le_bytes(bytes))
}

fn grouped(hex: &str) -> String {
    hex.as_bytes()
        .chunks(4)
        .map(|c| {
            std::str::from_utf8(c)
                .unwrap_or_default()
                .to_ascii_uppercase()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl PublicKeyInfo {
    pub fn of(pk: &minisign::PublicKey) -> PublicKeyInfo {
        let key_id = key_id_of(pk.keynum());
        let pub_file = format!(
            "untrusted comment: minisign public key {key_id}\n{}\n",
            pk.to_base64()
        );
        PublicKeyInfo {
            fingerprint: grouped(&sha256_hex(&pk.to_bytes())),
            key_id,
            pub_file,
        }
    }

    /// Reads a `.pub` file (or just its base64 line).
    pub fn parse(key_file: &str) -> Result<(minisign::PublicKey, PublicKeyInfo), Error> {
        let line = key_file
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
            .ok_or_else(|| key_error(reason("This public key file is empty.")))?;
        let pk = minisign::PublicKey::from_base64(line)
            .map_err(|_| key_error(reason("This is not a minisign public key.")))?;
        let info = PublicKeyInfo::of(&pk);
        Ok((pk, info))
    }
}

/// A new key pair: minisign's encrypted secret-key file and the public key.
pub fn generate(passphrase: &str) -> Result<(String, PublicKeyInfo), Error> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(key_error(
            reason("Choose a passphrase of at least {n} characters.")
                .with("n", MIN_PASSPHRASE_CHARS),
        ));
    }
    let pair = minisign::KeyPair::generate_unencrypted_keypair().map_err(|e| {
        key_error(reason("The key could not be made: {error}").with("error", e.to_string()))
    })?;
    let secret = protect(&pair.sk, passphrase)?;
    Ok((secret, PublicKeyInfo::of(&pair.pk)))
}

/// minisign's own "sensitive" limit: a key file asking for more work would hang the page.
const MAX_KDF_OPERATIONS: u64 = 33_554_432;

/// The scrypt memory (bytes) an encrypted secret-key file asks for, read without decrypting it.
pub fn kdf_memory(secret_file: &str) -> Result<u64, Error> {
    kdf_limit(secret_file, 46)
}

fn kdf_operations(secret_file: &str) -> Result<u64, Error> {
    kdf_limit(secret_file, 38)
}

/// The little-endian u64 at `at` in the decoded secret-key file (38: operations, 46: memory).
fn kdf_limit(secret_file: &str, at: usize) -> Result<u64, Error> {
    let line = secret_file
        .lines()
        .nth(1)
        .map(str::trim)
        .ok_or_else(|| key_error(reason("This is not a minisign secret key file.")))?;
    let bytes = Base64::decode_to_vec(line, None)
        .map_err(|_| key_error(reason("This is not a minisign secret key file.")))?;
    if bytes.len() < 54 || &bytes[..2] != b"Ed" {
        return Err(key_error(reason("This is not a minisign secret key file.")));
    }
    if &bytes[2..4] != b"Sc" {
        return Err(key_error(reason(
            "This secret key is not protected by a passphrase; protect it first (`minisign -C`).",
        )));
    }
    let mut le = [0u8; 8];
    le.copy_from_slice(&bytes[at..at + 8]);
    Ok(u64::from_le_bytes(le))
}

/// Decrypts a secret-key file with its passphrase, refusing keys that would need more scrypt
/// memory than `max_kdf_memory`. Returns the key and its public half.
pub fn unlock(
    secret_file: &str,
    passphrase: &str,
    max_kdf_memory: u64,
) -> Result<(SecretKey, minisign::PublicKey), Error> {
    let memory = kdf_memory(secret_file)?;
    if memory > max_kdf_memory || kdf_operations(secret_file)? > MAX_KDF_OPERATIONS {
        return Err(Error::KeyNeedsMemory {
            mib: memory / (1024 * 1024),
        });
    }
    let sk_box = minisign::SecretKeyBox::from_string(secret_file)
        .map_err(|_| key_error(reason("This is not a minisign secret key file.")))?;
    let sk = sk_box
        .into_secret_key(Some(passphrase.to_owned()))
        .map_err(|e| match e.kind() {
            minisign::ErrorKind::Verify => {
                key_error(reason("The passphrase is not the one of this key."))
            }
            _ => key_error(
                reason("This secret key cannot be read: {error}").with("error", e.to_string()),
            ),
        })?;
    let pk = minisign::PublicKey::from_secret_key(&sk).map_err(|e| {
        key_error(reason("This secret key cannot be read: {error}").with("error", e.to_string()))
    })?;
    Ok((sk, pk))
}

/// libsodium's scryptsalsa208sha256 "interactive" limits, which minisign turns into N = 2^14,
/// r = 8, p = 1 (16 MiB).
pub const KDF_OPSLIMIT: u64 = 524_288;
pub const KDF_MEMLIMIT: u64 = 16_777_216;

/// Encrypts an unlocked secret key with the app's scrypt parameters and a (possibly new)
/// passphrase, as minisign's secret-key file. This is also how a key made by the `minisign` tool
/// (1 GiB of scrypt memory) becomes usable in a browser.
pub fn protect(sk: &SecretKey, passphrase: &str) -> Result<String, Error> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(key_error(
            reason("Choose a passphrase of at least {n} characters.")
                .with("n", MIN_PASSPHRASE_CHARS),
        ));
    }
    // Layout: algorithms (6), salt (32), opslimit (8), memlimit (8), then key id (8), secret key
    // (64) and checksum (32), which are encrypted by XOR with scrypt's output.
    let mut bytes = sk.to_bytes();
    // A key made unencrypted says so (kdf "\0\0"); it becomes a scrypt-protected one.
    if bytes.len() == 158 && bytes[2..4] == [0, 0] {
        bytes[2..4].copy_from_slice(b"Sc");
    }
    if bytes.len() != 158 || &bytes[2..4] != b"Sc" {
        return Err(key_error(reason("This secret key cannot be re-protected.")));
    }
    getrandom::fill(&mut bytes[6..38]).map_err(|e| {
        key_error(reason("The key could not be protected: {error}").with("error", e.to_string()))
    })?;
    bytes[38..46].copy_from_slice(&KDF_OPSLIMIT.to_le_bytes());
    bytes[46..54].copy_from_slice(&KDF_MEMLIMIT.to_le_bytes());
    let params = scrypt::Params::new(14, 8, 1, 32).map_err(|e| {
        key_error(reason("The key could not be protected: {error}").with("error", e.to_string()))
    })?;
    let mut stream = [0u8; 104];
    scrypt::scrypt(passphrase.as_bytes(), &bytes[6..38], &params, &mut stream).map_err(|e| {
        key_error(reason("The key could not be protected: {error}").with("error", e.to_string()))
    })?;
    for (b, s) in bytes[54..].iter_mut().zip(stream) {
        *b ^= s;
    }
    let key_id = key_id_of(&sk.keynum()[..8]);
    Ok(format!(
        "untrusted comment: minisign encrypted secret key {key_id}\n{}\n",
        Base64::encode_to_string(&bytes).map_err(|e| key_error(
            reason("The key could not be protected: {error}").with("error", e.to_string())
        ))?
    ))
}

/// Signs `data` (the tag manifest) with minisign's prehashed Ed25519, returning the `.minisig` file.
pub fn sign(
    sk: &SecretKey,
    pk: &minisign::PublicKey,
    data: &[u8],
    trusted_comment: &str,
) -> Result<String, Error> {
    let info = PublicKeyInfo::of(pk);
    let untrusted = format!("signature from minisign secret key {}", info.key_id);
    minisign::sign(
        Some(pk),
        sk,
        std::io::Cursor::new(data),
        Some(trusted_comment),
        Some(&untrusted),
    )
    .map(|b| b.into_string())
    .map_err(|e| key_error(reason("Signing failed: {error}").with("error", e.to_string())))
}

/// A checked signature: who signed and what they said.
#[derive(Clone, Debug, PartialEq)]
pub struct Signed {
    pub key: PublicKeyInfo,
    pub trusted_comment: String,
}

/// Reads a `.minisig` file, checking the length of each part first: the crate slices the
/// trusted-comment signature without checking it, and a truncated one must not panic.
fn parse_signature(signature_file: &str) -> Result<minisign::SignatureBox, Error> {
    let not_one = || key_error(reason("This is not a minisign signature."));
    let lines: Vec<&str> = signature_file.lines().collect();
    let decoded_len = |line: Option<&&str>| {
        line.and_then(|l| Base64::decode_to_vec(l.trim(), None).ok())
            .map(|b| b.len())
    };
    if lines.len() < 4
        || decoded_len(lines.get(1)) != Some(74)
        || decoded_len(lines.get(3)) != Some(64)
    {
        return Err(not_one());
    }
    minisign::SignatureBox::from_string(signature_file).map_err(|_| not_one())
}

/// The key id a `.minisig` file says it was made with.
pub fn signature_key_id(signature_file: &str) -> Result<String, Error> {
    Ok(key_id_of(parse_signature(signature_file)?.keynum()))
}

/// Checks a `.minisig` file over `data` with a public key.
pub fn check_signature(
    pk: &minisign::PublicKey,
    signature_file: &str,
    data: &[u8],
) -> Result<Signed, Error> {
    let sig = parse_signature(signature_file)?;
    let key = PublicKeyInfo::of(pk);
    if key_id_of(sig.keynum()) != key.key_id {
        return Err(key_error(
            reason("It was made with key {signer}, not with key {key}.")
                .with("signer", key_id_of(sig.keynum()))
                .with("key", key.key_id.clone()),
        ));
    }
    minisign::verify(pk, &sig, std::io::Cursor::new(data), true, false, false).map_err(|_| {
        key_error(reason(
            "The signature does not match: the signed file was changed, or the signature was.",
        ))
    })?;
    let trusted_comment = sig
        .trusted_comment()
        .map_err(|_| key_error(reason("The signature has no trusted comment.")))?;
    Ok(Signed {
        key,
        trusted_comment,
    })
}
