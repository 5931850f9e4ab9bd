//! What is wrong with an answer, as data: a message rendered in the reader's language only where it
//! is shown (`Message::render`), and how much it matters (`Severity`).

use crate::format::{fill, format_number_in};
use crate::i18n::{tr, Lang};
use crate::parse::{Axis, CoordinateError, NumberError};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
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
    NoSites,
    NoGeneration,
    NoLineType,
    NoExistingLicence,
    FewCustomers,
    GenerationCapacityAboveInstalled {
        capacity: f64,
        installed: f64,
    },
    /// The licence decision could not be made or excludes the application: its summary in each
    /// language of [`Lang::ALL`], as the decision words it with the figures.
    Licence([String; 3]),
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
            Message::NoSites => t("Add at least one site."),
            Message::NoGeneration => t("Enter the size of at least one type of generation."),
            Message::NoLineType => t("Tick overhead, underground or both for the lines."),
            Message::NoExistingLicence => t("Add the existing licence (nature, date issued and licence number)."),
            Message::FewCustomers => t("A mini-grid supplies more than one customer (Section 1.4)."),
            Message::GenerationCapacityAboveInstalled { capacity, installed } => fill(
                tr(lang, "The Generation Capacity ({capacity} kW) is more than the generation installed ({installed} kW)."),
                &[("capacity", &format_number_in(*capacity, lang)), ("installed", &format_number_in(*installed, lang))],
            ),
            Message::Licence(texts) => texts[lang as usize].clone(),
        }
    }
}
