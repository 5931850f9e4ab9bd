//! Messages as data, rendered in the reader's language only where they are shown (the page, `mgl`,
//! the printout, the bundle's documents):
//! - [`Text`]: any message of the domain, a message id (its English text) with named arguments, and
//!   for a count its plural; the licence decision, bundle errors and the like carry it;
//! - [`Message`]: what is wrong with an answer, the vocabulary of the validation report;
//! - [`Severity`]: how much a problem matters.

use crate::format::{fill, format_number_in};
use crate::i18n::{tr, tr_plural, Lang};
use crate::parse::{Axis, CoordinateError, NumberError};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// A message id with named arguments. Made with [`text`] or [`counted`], given its `{placeholders}`
/// with [`Text::with`], and turned into words by [`Text::render`] in the reader's language. The
/// translation tests find the ids by these two function names.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    id: &'static str,
    /// A counted message's English plural and its count (also its `{n}`).
    plural: Option<(&'static str, u64)>,
    args: Vec<(&'static str, Arg)>,
}

/// A value put into a [`Text`]'s placeholder.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Shown as it is, in every language: a name the user typed, a file name, a key id, a date.
    Verbatim(String),
    /// A figure, written as the reader's language writes numbers ("1 234,5" in French).
    Number(f64),
    /// A message of its own, rendered in the same language.
    Text(Text),
    /// What is wrong with an answer, rendered in the same language.
    Answer(Message),
    /// Several values, joined by commas.
    List(Vec<Arg>),
}

/// A message with no count: `text("{site} has a Generation Capacity of {kw} kW...")`.
pub fn text(id: &'static str) -> Text {
    Text {
        id,
        plural: None,
        args: Vec::new(),
    }
}

/// A message about `n` things, in the singular or a plural form as the reader's language counts:
/// `counted("{n} answer to fix", "{n} answers to fix", 3)`. Its `{n}` is the count.
pub fn counted(one: &'static str, other: &'static str, n: u64) -> Text {
    Text {
        id: one,
        plural: Some((other, n)),
        args: Vec::new(),
    }
}

impl Text {
    /// Fills the placeholder `{name}` with `value`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Text {
        self.args.push((name, value.into()));
        self
    }

    /// The message id: its English singular.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in `lang`, its placeholders filled.
    pub fn render(&self, lang: Lang) -> String {
        let template = match self.plural {
            None => tr(lang, self.id),
            Some((other, n)) => tr_plural(lang, self.id, other, n),
        };
        let mut values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| (*name, arg.render(lang)))
            .collect();
        if let Some((_, n)) = self.plural {
            values.push(("n", n.to_string()));
        }
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(template, &values)
    }
}

/// Names joined by commas, each in `lang`.
fn names(values: &[Arg], lang: Lang) -> String {
    values
        .iter()
        .map(|v| v.render(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Arg {
    /// The value in `lang`, as its placeholder shows it.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Verbatim(value) => value.clone(),
            Arg::Number(value) => format_number_in(*value, lang),
            Arg::Text(text) => text.render(lang),
            Arg::Answer(message) => message.render(lang),
            Arg::List(values) => names(values, lang),
        }
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Arg {
        Arg::Verbatim(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Arg {
        Arg::Verbatim(value.clone())
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Arg {
        Arg::Verbatim(value.to_owned())
    }
}

impl From<f64> for Arg {
    fn from(value: f64) -> Arg {
        Arg::Number(value)
    }
}

impl From<usize> for Arg {
    fn from(value: usize) -> Arg {
        Arg::Number(value as f64)
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Answer(message)
    }
}

impl From<Text> for Arg {
    fn from(text: Text) -> Arg {
        Arg::Text(text)
    }
}

impl From<Vec<Arg>> for Arg {
    fn from(values: Vec<Arg>) -> Arg {
        Arg::List(values)
    }
}

/// A change that puts a point outside the country inside it: the common ways a position is
/// mistyped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionFix {
    /// Latitude and longitude exchanged.
    Swapped,
    /// The latitude's sign (or its N/S letter) lost or added.
    LatitudeSign,
    /// The longitude's sign (or its E/W letter).
    LongitudeSign,
    /// Both signs.
    BothSigns,
}

/// What is wrong, in terms the message can be rendered from in any language.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    Required,
    ChooseOne,
    Number(NumberError),
    Email,
    Phone,
    WebAddress,
    Date,
    DateInFuture,
    Coordinate(Axis, CoordinateError),
    ZeroZero,
    OutsideCountry {
        country: String,
    },
    /// Outside the country, but inside once `fix` is made: the likely slip of the pen.
    OutsideCountryUnless {
        country: String,
        fix: PositionFix,
    },
    NoSites,
    NoGeneration,
    NoLineType,
    NoExistingLicence,
    FewCustomers,
    GenerationCapacityAboveInstalled {
        capacity: f64,
        installed: f64,
    },
    /// The power plant is `km` from its site, more than the profile's `limit_km`.
    PlantFarFromSite {
        km: f64,
        limit_km: f64,
    },
    /// The site's network drawing (a geographic file) comes no nearer than `km` to the site's
    /// coordinates, more than the profile's `limit_km` (`drawing::Drawing::check`).
    DrawingFarFromSite {
        km: f64,
        limit_km: f64,
    },
    /// The site's network drawing is a geographic file with no coordinates in it.
    DrawingHasNoCoordinates,
    /// Other sites of the draft with the same name and location (their names).
    SameNameAndLocation {
        sites: Vec<Arg>,
    },
    /// Other sites of the draft within `metres` of this one's coordinates (their names).
    NearAnotherSite {
        metres: f64,
        sites: Vec<Arg>,
    },
    /// The licence decision could not be made or excludes the application: its summary.
    Licence(Text),
}

impl Message {
    pub fn render(&self, lang: Lang) -> String {
        let t = |msgid| tr(lang, msgid).to_owned();
        match self {
            Message::Required => t("This answer is required."),
            Message::ChooseOne => t("Choose one of the options."),
            Message::Number(NumberError::NotANumber) => t("Enter a number, for example 12 or 12.5, without the unit."),
            Message::Number(NumberError::AmbiguousComma) => {
                t("Is this a thousands separator or a decimal comma? Write 1200 or 1 200 for thousands, and 12.5 for decimals.")
            }
            Message::Number(NumberError::Negative) => t("This cannot be negative."),
            Message::Number(NumberError::NotWhole) => t("Enter a whole number."),
            Message::Email => t("Enter an e-mail address such as name@example.com."),
            Message::Phone => t(
                "Enter a phone number with digits and spaces, in international form (+234 803 123 4567) or national form (0803 123 4567).",
            ),
            Message::WebAddress => t("Enter a web address such as www.example.com."),
            Message::Date => t("Enter a date such as 2025-03-31 (year-month-day)."),
            Message::DateInFuture => t("This date is in the future."),
            Message::Coordinate(axis, error) => {
                let (name, limit, example) = match axis {
                    Axis::Latitude => (tr(lang, "A latitude"), "90", "9.0765 or 9°4'35\"N"),
                    Axis::Longitude => (tr(lang, "A longitude"), "180", "7.4951 or 7°29'42\"E"),
                };
                match error {
                    CoordinateError::OutOfRange => {
                        fill(tr(lang, "{name} is between -{limit} and {limit} degrees."), &[("name", name), ("limit", limit)])
                    }
                    CoordinateError::WrongHemisphere => match axis {
                        Axis::Latitude => t("A latitude is north (N) or south (S): E and W belong to the longitude."),
                        Axis::Longitude => t("A longitude is east (E) or west (W): N and S belong to the latitude."),
                    },
                    CoordinateError::MinutesOrSecondsTooLarge => t("Minutes and seconds are less than 60."),
                    CoordinateError::NotACoordinate => {
                        fill(tr(lang, "Enter degrees, for example {example}."), &[("example", example)])
                    }
                }
            }
            Message::ZeroZero => t("0, 0 is in the Gulf of Guinea: is the GPS reading missing?"),
            Message::OutsideCountry { country } => {
                fill(tr(lang, "This point is outside {country}: check the coordinates."), &[("country", country)])
            }
            Message::OutsideCountryUnless { country, fix } => {
                let template = match fix {
                    PositionFix::Swapped => tr(lang, "This point is outside {country}, but would be inside with latitude and longitude the other way round: were they swapped?"),
                    PositionFix::LatitudeSign => tr(lang, "This point is outside {country}, but would be inside on the other side of the equator: check the latitude's minus sign or its N/S letter."),
                    PositionFix::LongitudeSign => tr(lang, "This point is outside {country}, but would be inside on the other side of the Greenwich meridian: check the longitude's minus sign or its E/W letter."),
                    PositionFix::BothSigns => tr(lang, "This point is outside {country}, but would be inside with the other sign of both latitude and longitude: check the minus signs or the letters N/S and E/W."),
                };
                fill(template, &[("country", country)])
            }
            Message::NoSites => t("Add at least one site."),
            Message::NoGeneration => t("Enter the size of at least one type of generation."),
            Message::NoLineType => t("Tick overhead, underground or both for the lines."),
            Message::NoExistingLicence => t("Add the existing licence (nature, date issued and licence number)."),
            Message::FewCustomers => t("A mini-grid supplies more than one customer (Section 1.4)."),
            Message::GenerationCapacityAboveInstalled { capacity, installed } => fill(
                tr(lang, "The Generation Capacity ({capacity} kW) is more than the generation installed ({installed} kW)."),
                &[("capacity", &format_number_in(*capacity, lang)), ("installed", &format_number_in(*installed, lang))],
            ),
            Message::PlantFarFromSite { km, limit_km } => fill(
                tr(lang, "The power plant is {km} km from the site, more than {limit} km: check both positions."),
                &[("km", &format_number_in((km * 10.0).round() / 10.0, lang)), ("limit", &format_number_in(*limit_km, lang))],
            ),
            Message::DrawingFarFromSite { km, limit_km } => fill(
                tr(lang, "This drawing comes no nearer than {km} km to the site's coordinates (more than {limit} km): is it this site's drawing, and are the site's coordinates right?"),
                &[("km", &format_number_in((km * 10.0).round() / 10.0, lang)), ("limit", &format_number_in(*limit_km, lang))],
            ),
            Message::DrawingHasNoCoordinates => t("This drawing holds no coordinates, so it cannot be placed at the site: export it with its geometry, or attach it as a PDF."),
            Message::SameNameAndLocation { sites } => fill(
                tr(lang, "Another site has the same name and location: {sites}. Is it the same site entered twice?"),
                &[("sites", &names(sites, lang))],
            ),
            Message::NearAnotherSite { metres, sites } => fill(
                tr(lang, "Less than {metres} m from {sites}: is it the same site entered twice, or were the coordinates copied?"),
                &[("metres", &format_number_in(*metres, lang)), ("sites", &names(sites, lang))],
            ),
            Message::Licence(summary) => summary.render(lang),
        }
    }
}
