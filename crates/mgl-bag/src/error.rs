//! What can be wrong with a bundle's container or a key, as codes with arguments.

/// Why, as a message id (its English text, with `{placeholders}`) and the values of its
/// placeholders, shown as they are. The caller translates the id.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

/// A reason with no values yet: `reason("it is empty")`.
pub fn reason(id: &'static str) -> Reason {
    Reason {
        id,
        args: Vec::new(),
    }
}

impl Reason {
    /// Fills the placeholder `{name}` with `value`.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Reason {
        self.args.push((name, value.to_string()));
        self
    }
}

/// Everything that can be wrong with a bundle's container or a key.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    NotZip(Reason),
    Unsupported(Reason),
    Corrupt(Reason),
    UnsafeName {
        name: String,
        why: Reason,
    },
    Duplicate(String, String),
    Link(String),
    TooManyEntries(usize),
    TooLarge(String),
    SizeLies(String),
    Bomb(String),
    Overlap(String),
    Crc(String),
    Key(Reason),
    /// A key whose scrypt cost is more than the reader can spare (minisign's own keys ask 1 GiB).
    KeyNeedsMemory {
        mib: u64,
    },
    /// A BagIt tag file that does not read (a manifest line, a file outside the bag's folder).
    Bag(Reason),
}
