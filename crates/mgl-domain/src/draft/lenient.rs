//! Reading drafts that other tools wrote. The app writes every answer as text, but a script or a
//! spreadsheet export writes `"latitude": 9.81` or `"plant_is_new": true`: such a draft is read, not
//! refused. Where the draft holds text, a JSON number is kept as the text JSON wrote (`9.81`), a
//! boolean as the yes/no answer it means, and null as not answered; everything else is read as the
//! draft's types say (a number where the draft holds a number, `updated_ms`, stays a number).
//!
//! The draft's types decide, not a list of keys: this deserializer is handed the parsed JSON and
//! the draft's own `Deserialize` asks it for a string, a number or a list at each place.

use super::{NO, YES};
use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{Deserializer, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Error, Value};

/// JSON as an answer-tolerant deserializer: `T::deserialize(Lenient(value))`.
pub(crate) struct Lenient(pub(crate) Value);

impl<'de> IntoDeserializer<'de, Error> for Lenient {
    type Deserializer = Lenient;
    fn into_deserializer(self) -> Lenient {
        self
    }
}

impl<'de> Deserializer<'de> for Lenient {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            // Objects and lists hand each of their values on, lenient too.
            Value::Object(map) => visitor.visit_map(MapDeserializer::new(
                map.into_iter().map(|(key, value)| (key, Lenient(value))),
            )),
            Value::Array(items) => {
                visitor.visit_seq(SeqDeserializer::new(items.into_iter().map(Lenient)))
            }
            other => other.deserialize_any(visitor),
        }
    }

    /// Where the draft holds text.
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Number(number) => visitor.visit_string(number.to_string()),
            Value::Bool(yes) => visitor.visit_str(if yes { YES } else { NO }),
            Value::Null => visitor.visit_str(""),
            other => Lenient(other).deserialize_any(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(Lenient(other)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit unit_struct
        seq tuple tuple_struct map struct identifier ignored_any
    }
}
