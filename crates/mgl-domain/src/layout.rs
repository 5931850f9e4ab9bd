//! The layout of a site's answers (Appendix I 5.1 to 5.4, with the capacity of Section 1.4 and the
//! permits of 4.1(3)): groups, their headings, which answers sit side by side, and the totals. The
//! site editor and the printout both show a site in this order, and the site register takes its
//! columns from it; every answer of `SITE_FIELDS` is in it once (tested).

use crate::fields::{CUSTOMER_KEYS, GENERATION_KEYS, LINE_KEYS, POLE_KEYS};

/// A group of a site's answers: a fieldset in the editor, a table in the printout.
pub struct SiteGroup {
    /// Its heading, a message id ("5.2 Generation").
    pub title: &'static str,
    pub parts: &'static [SitePart],
}

/// One line of a group.
pub enum SitePart {
    /// Answers side by side, by their keys in `SITE_FIELDS` (one key: an answer on its own line).
    Answers(&'static [&'static str]),
    /// The site's location at each administrative level of the country profile.
    Location,
    /// A heading within the group, a message id.
    Heading(&'static str),
    /// A note, a message id (the editor shows it; a printout has no use for it).
    Note(&'static str),
    /// The total of some answers.
    Total(&'static Total),
}

/// A total of a site's answers, shown as a "Total" line.
pub struct Total {
    /// Its key among the editor's derived values.
    pub name: &'static str,
    pub keys: &'static [&'static str],
    /// Its unit, a message id.
    pub unit: &'static str,
}

pub static TOTALS: [Total; 4] = [
    Total {
        name: "generation",
        keys: &GENERATION_KEYS,
        unit: "kW",
    },
    Total {
        name: "lines",
        keys: &LINE_KEYS,
        unit: "metres",
    },
    Total {
        name: "poles",
        keys: &POLE_KEYS,
        unit: "poles",
    },
    Total {
        name: "customers",
        keys: &CUSTOMER_KEYS,
        unit: "customers",
    },
];

use SitePart::{Answers, Heading, Location, Note};

pub static SITE_FORM: &[SiteGroup] = &[
    SiteGroup {
        title: "5.1 Site of the Mini-Grid",
        parts: &[
            Answers(&["name"]),
            Answers(&["connection"]),
            Location,
            Answers(&["latitude", "longitude"]),
            Note("Attach the title document to the land, relevant maps and drawings (attachments come in a later step)."),
        ],
    },
    SiteGroup {
        title: "5.2 Generation",
        parts: &[
            Answers(&GENERATION_KEYS),
            SitePart::Total(&TOTALS[0]),
            Answers(&["storage_kw", "inverters_kw"]),
            Answers(&["plant_latitude", "plant_longitude"]),
            Answers(&["plant_is_new"]),
            Answers(&["plant_years_in_operation"]),
        ],
    },
    SiteGroup {
        title: "Capacity (Section 1.4)",
        parts: &[Answers(&["distributed_power_kw", "generation_capacity_kw"])],
    },
    SiteGroup {
        title: "5.3 Distribution",
        parts: &[
            Heading("Lines"),
            Answers(&LINE_KEYS),
            SitePart::Total(&TOTALS[1]),
            Heading("Type of Lines"),
            Answers(&["lines_overhead", "lines_underground"]),
            Heading("Poles"),
            Answers(&POLE_KEYS),
            Answers(&["poles_other_kind"]),
            SitePart::Total(&TOTALS[2]),
            Heading("Transformers"),
            Answers(&["transformers_count", "transformers_rating_kw"]),
        ],
    },
    SiteGroup {
        title: "5.4 Customers",
        parts: &[
            Answers(&CUSTOMER_KEYS),
            Answers(&["customers_special_kind"]),
            SitePart::Total(&TOTALS[3]),
        ],
    },
    SiteGroup {
        title: "Permits and agreements (Section 4.1(3))",
        parts: &[
            Answers(&["needs_land_use_permit"]),
            Answers(&["needs_right_of_way"]),
            Answers(&["has_community_contract"]),
        ],
    },
];

/// Every answer key of the layout, in its order.
pub fn site_form_keys() -> impl Iterator<Item = &'static str> {
    SITE_FORM
        .iter()
        .flat_map(|g| g.parts)
        .flat_map(|part| match part {
            Answers(keys) => keys.iter().copied(),
            _ => [].iter().copied(),
        })
}
