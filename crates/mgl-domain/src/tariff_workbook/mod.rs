//! The tariff calculation of Section 6 as a workbook of live formulas (4.1(2)(e), 4.7): the entries
//! as typed, each with a column for its source or evidence; the method year by year, by asset and in
//! summary, every number a formula of the entries. The cached values are `tariff::calculate`'s own
//! results (and, for the steps between, the same helpers it uses), so that a reader that does not
//! recalculate shows the app's numbers; a reader that does recalculates them from the entries.
//!
//! Defined names (workbook scope) let a reader find everything without knowing the layout: each
//! scalar entry by its JSON key (`wacc`, `grants`, ...; the multipliers as `multiplier_residential`),
//! each table's columns (`asset_capex`, `kwh_year`, ...), each scalar result (`capital_base`,
//! `levelised_tariff`, ...) and each per-year column over the horizon's years (`year`,
//! `revenue_requirement`, ...). `scripts/interop-tariff` has LibreOffice recalculate them.

use crate::draft::TariffDraft;
use crate::i18n::{tr, Lang};
use crate::tariff::{
    asset_shares, crf, depreciation, remaining, sales_by_year, year_inputs, CompensationBasis,
    Split, TariffInput, TariffResults,
};
use crate::tariff_draft::{
    TariffAnswer, TariffTable, ASSETS, COMPENSATION_YEAR, DEVELOPMENT_COST, DIESEL_ALTERNATIVE,
    GRANTS, HORIZON_YEARS, INDEXATION, KWH_SOLD, MARGIN, MULTIPLIERS, OPEX_FUEL, OPEX_NON_FUEL,
    SUBSIDIES, WACC,
};
mod read;
pub use read::{changes, holds, keeping_unused, read, Change, ReadBack};

use crate::xlsx::{reference, sheet_ref, Cached, Cell, Chart, Series, Sheet, Style, Workbook};

/// The names of the sales classes, in the order of `Sales` and of the multipliers.
const CLASSES: [&str; 4] = ["residential", "commercial", "productive", "special"];

/// The names of the tables' columns, in the order of their definitions in `tariff_draft`.
const ASSET_NAMES: [&str; 3] = ["asset_name", "asset_capex", "asset_lifetime"];
const INDEX_NAMES: [&str; 3] = ["index_year", "index_diesel", "index_cpi"];
const SUBSIDY_NAMES: [&str; 2] = ["subsidy_year", "subsidy_amount"];
const KWH_NAMES: [&str; 5] = [
    "kwh_year",
    "kwh_residential",
    "kwh_commercial",
    "kwh_productive",
    "kwh_special",
];

/// The defined name of an entry on its own: its key in the saved JSON (`wacc`), the multipliers'
/// as `multiplier_residential` (a name cannot hold a dot in every reader).
fn entry_name(answer: &TariffAnswer<TariffDraft>) -> String {
    answer.key.replace("multipliers.", "multiplier_")
}

/// A table's columns as the entries sheet heads them: each one's name and label in `lang`.
fn table_columns<R>(
    table: &TariffTable<R>,
    names: &[&'static str],
    lang: Lang,
) -> Vec<(&'static str, &'static str)> {
    names
        .iter()
        .zip(table.columns)
        .map(|(name, column)| (*name, tr(lang, column.label)))
        .collect()
}

/// An absolute reference to a cell of a sheet: `'Entries'!$B$3`.
fn absolute(sheet: &str, column: usize, row: usize) -> String {
    let at = reference(column, row);
    let (letters, digits) = at.split_at(at.find(|c: char| c.is_ascii_digit()).unwrap_or(0));
    format!("{}!${letters}${digits}", sheet_ref(sheet))
}

/// An absolute range of one column, rows `first..=last`.
fn column_range(sheet: &str, column: usize, first: usize, last: usize) -> String {
    let end = absolute(sheet, column, last);
    let end = end.rsplit('!').next().unwrap_or_default().to_owned();
    format!("{}:{end}", absolute(sheet, column, first))
}

fn formula(text: impl Into<String>, value: f64, style: Style) -> Cell {
    Cell::Formula(text.into(), Cached::Number(value), style)
}

/// The entries sheet as it is built: its rows and the names of its cells.
struct Entries<'a> {
    sheet: &'a str,
    rows: Vec<Vec<Cell>>,
    names: Vec<(String, String)>,
    lang: Lang,
}

impl Entries<'_> {
    /// A scalar entry on a row of its own: label, value, unit, source (empty), paragraph, name.
    fn scalar(&mut self, name: &str, label: &str, value: Cell, unit: &str, rule: &str) {
        let row = self.rows.len();
        self.names
            .push((name.to_owned(), absolute(self.sheet, 1, row)));
        self.rows.push(vec![
            Cell::text(label),
            value,
            Cell::text(unit),
            Cell::Text(String::new(), Style::EntryText),
            Cell::text(rule),
            Cell::text(name),
        ]);
    }

    /// A table of entries: its title, its header, one row per entry (each ending with a source
    /// cell), and a name per column (`{prefix}_{column}`) over its rows.
    fn table(&mut self, title: &str, rule: &str, columns: &[(&str, &str)], rows: Vec<Vec<Cell>>) {
        self.rows.push(vec![]);
        self.rows.push(vec![
            Cell::header(title),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::text(rule),
        ]);
        let mut header: Vec<Cell> = columns
            .iter()
            .map(|(_, label)| Cell::header(*label))
            .collect();
        header.push(Cell::header(tr(self.lang, "Source or evidence")));
        self.rows.push(header);
        let first = self.rows.len();
        let count = rows.len();
        for mut row in rows {
            row.push(Cell::Text(String::new(), Style::EntryText));
            self.rows.push(row);
        }
        if count > 0 {
            for (c, (name, _)) in columns.iter().enumerate() {
                self.names.push((
                    (*name).to_owned(),
                    column_range(self.sheet, c, first, first + count - 1),
                ));
            }
        }
    }
}

fn money(value: f64) -> Cell {
    Cell::Number(value, Style::EntryMoney)
}

fn whole(value: f64) -> Cell {
    Cell::Number(value, Style::EntryWhole)
}

fn ratio(value: f64) -> Cell {
    Cell::Number(value, Style::EntryRatio)
}

fn blank() -> Cell {
    Cell::Text(String::new(), Style::EntryText)
}

/// The workbook of `input` and its `results` (`tariff::calculate(input)`), labelled in `lang`.
pub fn to_xlsx(input: &TariffInput, results: &TariffResults, lang: Lang) -> Vec<u8> {
    workbook(input, results, lang).to_xlsx()
}

/// The workbook before it is written (the tests read its names and formulas).
pub fn workbook(input: &TariffInput, results: &TariffResults, lang: Lang) -> Workbook {
    let entries_name = tr(lang, "Entries");
    let capital_name = tr(lang, "Capital by asset");
    let values_name = tr(lang, "Asset values by year");
    let calculation_name = tr(lang, "Calculation");
    let summary_name = tr(lang, "Summary");
    let currency = input.currency.as_str();
    let per_year = format!("{currency} {}", tr(lang, "per year"));
    let per_kwh = format!("{currency}/kWh");

    // ---- The entries, as typed.
    let mut entries = Entries {
        sheet: entries_name,
        rows: vec![vec![
            Cell::header(tr(lang, "Entry")),
            Cell::header(tr(lang, "Value")),
            Cell::header(tr(lang, "Unit")),
            Cell::header(tr(lang, "Source or evidence")),
            Cell::header(tr(lang, "Section 6")),
            Cell::header(tr(lang, "Name")),
        ]],
        names: Vec::new(),
        lang,
    };
    entries.scalar(
        "currency",
        tr(lang, "Currency"),
        Cell::Text(currency.to_owned(), Style::EntryText),
        "",
        "6",
    );
    entries.scalar(
        WACC.key,
        tr(lang, WACC.label),
        Cell::Number(input.wacc, Style::EntryPercent),
        "",
        "6.1(a)",
    );
    entries.scalar(
        DEVELOPMENT_COST.key,
        tr(lang, DEVELOPMENT_COST.label),
        money(input.development_cost),
        currency,
        "6.1(b)",
    );
    entries.scalar(
        GRANTS.key,
        tr(lang, GRANTS.label),
        money(input.grants),
        currency,
        "6.1(b)",
    );
    entries.scalar(
        OPEX_FUEL.key,
        tr(lang, OPEX_FUEL.label),
        money(input.opex.fuel),
        &per_year,
        "6.1(c)",
    );
    entries.scalar(
        OPEX_NON_FUEL.key,
        tr(lang, OPEX_NON_FUEL.label),
        money(input.opex.non_fuel),
        &per_year,
        "6.1(c)",
    );
    entries.scalar(
        "capitalise_first_three_years_opex",
        tr(
            lang,
            "Operating costs of years 1 to 3 capitalised (TRUE or FALSE)",
        ),
        Cell::Bool(input.capitalise_first_three_years_opex, Style::EntryText),
        "",
        "6.1(d)",
    );
    let horizon = results.years.len();
    entries.scalar(
        HORIZON_YEARS.key,
        tr(lang, HORIZON_YEARS.label),
        input
            .horizon_years
            .map_or_else(blank, |h| whole(f64::from(h))),
        tr(lang, "years"),
        "6.1(b)",
    );
    entries.scalar(
        COMPENSATION_YEAR.key,
        tr(lang, COMPENSATION_YEAR.label),
        input
            .compensation_year
            .map_or_else(blank, |y| whole(f64::from(y))),
        "",
        "15(2)",
    );
    let basis = match input.compensation_basis {
        CompensationBasis::Net => "net",
        CompensationBasis::Gross => "gross",
    };
    entries.scalar(
        "compensation_basis",
        tr(lang, "Compensation basis (net or gross)"),
        Cell::Text(basis.into(), Style::EntryText),
        "",
        "15(2)",
    );
    let (mode, multipliers, diesel) = match input.split {
        Split::Multipliers {
            residential,
            commercial,
            productive,
            special,
        } => (
            "multipliers",
            Some([residential, commercial, productive, special]),
            None,
        ),
        Split::DieselBenchmark {
            diesel_alternative_per_kwh,
            margin,
        } => (
            "diesel_benchmark",
            None,
            Some((diesel_alternative_per_kwh, margin)),
        ),
    };
    entries.scalar(
        "split_mode",
        tr(lang, "Class split (multipliers or diesel_benchmark)"),
        Cell::Text(mode.into(), Style::EntryText),
        "",
        "6.2",
    );
    for (i, multiplier) in MULTIPLIERS.iter().enumerate() {
        let value = multipliers.map_or_else(blank, |m| ratio(m[i]));
        entries.scalar(
            &entry_name(multiplier),
            tr(lang, multiplier.label),
            value,
            "",
            "6.2",
        );
    }
    entries.scalar(
        DIESEL_ALTERNATIVE.key,
        tr(lang, DIESEL_ALTERNATIVE.label),
        diesel.map_or_else(blank, |(d, _)| money(d)),
        &per_kwh,
        "6.1(f)",
    );
    entries.scalar(
        MARGIN.key,
        tr(lang, MARGIN.label),
        diesel.map_or_else(blank, |(_, m)| Cell::Number(m, Style::EntryPercent)),
        "",
        "6.1(f)",
    );
    let asset_rows_start = entries.rows.len() + 3;
    entries.table(
        tr(lang, ASSETS.title),
        "6.1(b)",
        &table_columns(&ASSETS, &ASSET_NAMES, lang),
        input
            .assets
            .iter()
            .map(|a| {
                vec![
                    Cell::Text(a.name.clone(), Style::EntryText),
                    money(a.capex),
                    whole(a.lifetime_years),
                ]
            })
            .collect(),
    );
    entries.table(
        tr(lang, INDEXATION.title),
        "6.1(c)",
        &table_columns(&INDEXATION, &INDEX_NAMES, lang),
        input
            .indexation
            .iter()
            .map(|i| {
                vec![
                    whole(f64::from(i.year)),
                    ratio(i.diesel_index),
                    ratio(i.cpi_index),
                ]
            })
            .collect(),
    );
    entries.table(
        tr(lang, SUBSIDIES.title),
        "6.1(e)",
        &table_columns(&SUBSIDIES, &SUBSIDY_NAMES, lang),
        input
            .subsidies
            .iter()
            .map(|s| vec![whole(f64::from(s.year)), money(s.amount)])
            .collect(),
    );
    // In the order the method reads them (a year's sales repeat until the next entry).
    let sales = sales_by_year(input);
    entries.table(
        tr(lang, KWH_SOLD.title),
        "6.1(g)",
        &table_columns(&KWH_SOLD, &KWH_NAMES, lang),
        sales
            .iter()
            .map(|s| {
                vec![
                    whole(f64::from(s.year)),
                    whole(s.residential),
                    whole(s.commercial),
                    whole(s.productive),
                    whole(s.special),
                ]
            })
            .collect(),
    );
    let mut names = entries.names;
    let entry_rows = entries.rows;

    // ---- Capital by asset: each class's share of the capital base and its annual charge.
    let r = input.wacc;
    let shares = asset_shares(input, results.capital_base);
    let mut capital_rows = vec![vec![
        Cell::header(tr(lang, "Asset class")),
        Cell::header(tr(lang, "Capex")),
        Cell::header(tr(lang, "Lifetime (years)")),
        Cell::header(tr(lang, "Share of the capital base")),
        Cell::header(tr(lang, "Capital recovery factor")),
        Cell::header(tr(lang, "Annual capital charge")),
    ]];
    for (i, (asset, (share, n))) in input.assets.iter().zip(&shares).enumerate() {
        let entry = asset_rows_start + i;
        let row = i + 1;
        let factor = crf(r, f64::from(*n));
        capital_rows.push(vec![
            Cell::Formula(
                absolute(entries_name, 0, entry),
                Cached::Text(asset.name.clone()),
                Style::Normal,
            ),
            formula(absolute(entries_name, 1, entry), asset.capex, Style::Money),
            formula(
                absolute(entries_name, 2, entry),
                f64::from(*n),
                Style::Whole,
            ),
            formula(
                format!("B{0}*capital_base/asset_capex_total", row + 1),
                *share,
                Style::Money,
            ),
            formula(
                format!(
                    "IF(wacc=0,1/C{0},wacc*(1+wacc)^C{0}/((1+wacc)^C{0}-1))",
                    row + 1
                ),
                factor,
                Style::Ratio,
            ),
            formula(format!("D{0}*E{0}", row + 1), share * factor, Style::Money),
        ]);
    }
    let assets = input.assets.len();
    names.push((
        "annual_capital_charge_by_asset".into(),
        column_range(capital_name, 5, 1, assets),
    ));

    // ---- Asset values by year: each class's value at the year's end and its depreciation
    // (annuity method, 6.1(b)).
    let mut value_header = vec![Cell::header(tr(lang, "Year"))];
    for asset in &input.assets {
        value_header.push(Cell::header(format!(
            "{}: {}",
            asset.name,
            tr(lang, "Closing value")
        )));
        value_header.push(Cell::header(format!(
            "{}: {}",
            asset.name,
            tr(lang, "Depreciation")
        )));
    }
    let mut value_rows = vec![value_header];
    for y in 1..=horizon {
        let row = y + 1;
        let t = y as u32;
        let mut cells = vec![formula(
            absolute(calculation_name, 0, y),
            y as f64,
            Style::Whole,
        )];
        for (i, (share, n)) in shares.iter().enumerate() {
            let c = absolute(capital_name, 3, i + 1);
            let n_ref = absolute(capital_name, 2, i + 1);
            cells.push(formula(
                format!("IF(A{row}>={n_ref},0,IF(wacc=0,{c}*(1-A{row}/{n_ref}),{c}*((1+wacc)^{n_ref}-(1+wacc)^A{row})/((1+wacc)^{n_ref}-1)))"),
                remaining(*share, r, *n, t),
                Style::Money,
            ));
            cells.push(formula(
                format!("IF(A{row}>{n_ref},0,IF(wacc=0,{c}/{n_ref},{c}*wacc*(1+wacc)^(A{row}-1)/((1+wacc)^{n_ref}-1)))"),
                depreciation(*share, r, *n, t),
                Style::Money,
            ));
        }
        value_rows.push(cells);
    }
    let sum_of = |row: usize, offset: usize| -> String {
        let cells: Vec<String> = (0..assets)
            .map(|i| absolute(values_name, 1 + 2 * i + offset, row))
            .collect();
        format!("SUM({})", cells.join(","))
    };

    // ---- The calculation, year by year (6.1, 6.2). Years 1 to 3 are always there: the
    // capitalised operating costs read them, whatever the horizon.
    let calculation_headers = [
        tr(lang, "Year"),
        tr(lang, "Diesel index"),
        tr(lang, "CPI index"),
        tr(lang, "Subsidies"),
        tr(lang, "Net operating cost"),
        tr(lang, "Opex"),
        tr(lang, "Opening value"),
        tr(lang, "Depreciation"),
        tr(lang, "Return"),
        tr(lang, "Revenue requirement"),
        tr(lang, "Residential kWh"),
        tr(lang, "Commercial kWh"),
        tr(lang, "Productive kWh"),
        tr(lang, "Special kWh"),
        tr(lang, "kWh sold"),
        tr(lang, "Average tariff"),
        tr(lang, "Closing value"),
        tr(lang, "Weighted kWh"),
        tr(lang, "Residential tariff"),
        tr(lang, "Commercial tariff"),
        tr(lang, "Productive tariff"),
        tr(lang, "Special tariff"),
    ];
    let mut calculation_rows = vec![calculation_headers
        .iter()
        .map(|h| Cell::header(*h))
        .collect::<Vec<_>>()];
    let lookup = |table: &str,
                  column: &str,
                  row: usize,
                  exact: bool,
                  empty: bool,
                  fallback: &str|
     -> String {
        if empty {
            fallback.to_owned()
        } else if exact {
            format!("IFERROR(INDEX({table}_{column},MATCH(A{row},{table}_year,0)),{fallback})")
        } else {
            format!("IFERROR(INDEX({table}_{column},MATCH(A{row},{table}_year,1)),INDEX({table}_{column},1))")
        }
    };
    let rows_written = horizon.max(3);
    for y in 1..=rows_written {
        let row = y + 1;
        let at = year_inputs(input, &sales, y as u32);
        let no_index = input.indexation.is_empty();
        let mut cells = vec![
            if y == 1 {
                formula("1", 1.0, Style::Whole)
            } else {
                formula(format!("A{}+1", row - 1), y as f64, Style::Whole)
            },
            formula(
                lookup("index", "diesel", row, true, no_index, "1"),
                at.diesel_index,
                Style::Ratio,
            ),
            formula(
                lookup("index", "cpi", row, true, no_index, "1"),
                at.cpi_index,
                Style::Ratio,
            ),
            formula(
                if input.subsidies.is_empty() {
                    "0".to_owned()
                } else {
                    format!("SUMIF(subsidy_year,A{row},subsidy_amount)")
                },
                at.subsidy,
                Style::Money,
            ),
            formula(
                format!("opex_fuel*B{row}+opex_non_fuel*C{row}-D{row}"),
                at.net_opex,
                Style::Money,
            ),
        ];
        if y > horizon {
            cells.push(Cell::text(tr(
                lang,
                "(beyond the horizon: for the capitalised operating costs only)",
            )));
            calculation_rows.push(cells);
            continue;
        }
        let result = &results.years[y - 1];
        let sold = [
            at.sales.residential,
            at.sales.commercial,
            at.sales.productive,
            at.sales.special,
        ];
        let weights = multipliers.unwrap_or([0.0; 4]);
        let weighted: f64 = weights.iter().zip(sold).map(|(m, k)| m * k).sum();
        let tariffs = result.class_tariffs;
        cells.extend([
            formula(
                format!("IF(AND(capitalise_first_three_years_opex,A{row}<=3),0,E{row})"),
                result.opex,
                Style::Money,
            ),
            formula(
                if y == 1 {
                    "capital_base".to_owned()
                } else {
                    format!("Q{}", row - 1)
                },
                result.opening_value,
                Style::Money,
            ),
            formula(sum_of(y, 1), result.depreciation, Style::Money),
            formula(
                format!("wacc*G{row}"),
                result.return_on_capital,
                Style::Money,
            ),
            formula(
                format!("F{row}+H{row}+I{row}"),
                result.revenue_requirement,
                Style::Money,
            ),
        ]);
        for (class, kwh) in CLASSES.iter().zip(sold) {
            cells.push(formula(
                lookup("kwh", class, row, false, false, ""),
                kwh,
                Style::Whole,
            ));
        }
        cells.extend([
            formula(format!("SUM(K{row}:N{row})"), result.kwh_sold, Style::Whole),
            formula(format!("J{row}/O{row}"), result.average_tariff, Style::Money),
            formula(sum_of(y, 0), result.closing_value, Style::Money),
            formula(
                format!("multiplier_residential*K{row}+multiplier_commercial*L{row}+multiplier_productive*M{row}+multiplier_special*N{row}"),
                weighted,
                Style::Whole,
            ),
            formula(
                format!("IF(split_mode=\"multipliers\",multiplier_residential*J{row}/R{row},IF(K{row}>0,(J{row}-U{row}*M{row}-P{row}*(L{row}+N{row}))/K{row},0))"),
                tariffs.residential,
                Style::Money,
            ),
            formula(format!("IF(split_mode=\"multipliers\",multiplier_commercial*J{row}/R{row},P{row})"), tariffs.commercial, Style::Money),
            formula(
                format!("IF(split_mode=\"multipliers\",multiplier_productive*J{row}/R{row},diesel_alternative_per_kwh*(1-margin))"),
                tariffs.productive,
                Style::Money,
            ),
            formula(format!("IF(split_mode=\"multipliers\",multiplier_special*J{row}/R{row},P{row})"), tariffs.special, Style::Money),
        ]);
        calculation_rows.push(cells);
    }
    for (column, name) in [
        (0, "year"),
        (5, "opex"),
        (6, "opening_value"),
        (7, "depreciation"),
        (8, "return_on_capital"),
        (9, "revenue_requirement"),
        (14, "kwh_sold"),
        (15, "average_tariff"),
        (16, "closing_value"),
        (18, "tariff_residential"),
        (19, "tariff_commercial"),
        (20, "tariff_productive"),
        (21, "tariff_special"),
    ] {
        names.push((
            name.to_owned(),
            column_range(calculation_name, column, 1, horizon),
        ));
    }

    // ---- The summary.
    let net_opex_of = |y: usize| absolute(calculation_name, 4, y);
    let hardware: f64 = input.assets.iter().map(|a| a.capex).sum();
    let compensation = results.compensation.as_ref();
    let or_none = |value: Option<f64>| value.map_or(Cached::Text(String::new()), Cached::Number);
    let summary: Vec<(&str, &str, Cell, &str)> = vec![
        ("asset_capex_total", tr(lang, "Capex of the assets"), formula("SUM(asset_capex)", hardware, Style::Money), "6.1(b)"),
        (
            "capitalised_opex",
            tr(lang, "Capitalised operating costs of years 1 to 3"),
            formula(
                format!("IF(capitalise_first_three_years_opex,{}/(1+wacc)+{}/(1+wacc)^2+{}/(1+wacc)^3,0)", net_opex_of(1), net_opex_of(2), net_opex_of(3)),
                results.capitalised_opex,
                Style::Money,
            ),
            "6.1(d)",
        ),
        (
            "capital_base",
            tr(lang, "Capital base"),
            formula("asset_capex_total+development_cost+capitalised_opex-grants", results.capital_base, Style::Money),
            "6.1(b)",
        ),
        ("annual_capital_charge", tr(lang, "Annual capital charge"), formula("SUM(annual_capital_charge_by_asset)", results.annual_capital_charge, Style::Money), "6.1(b)"),
        (
            "levelised_tariff",
            tr(lang, "Levelised tariff"),
            formula("SUMPRODUCT(revenue_requirement/(1+wacc)^year)/SUMPRODUCT(kwh_sold/(1+wacc)^year)", results.levelised_tariff, Style::Money),
            "6.1",
        ),
        (
            "compensation_remaining_value",
            tr(lang, "Compensation: remaining value"),
            Cell::Formula(
                "IF(ISNUMBER(compensation_year),INDEX(closing_value,compensation_year)*IF(compensation_basis=\"gross\",(capital_base+grants)/capital_base,1),\"\")".into(),
                or_none(compensation.map(|c| c.remaining_value)),
                Style::Money,
            ),
            "15(2)",
        ),
        (
            "compensation_last_12_months_revenue",
            tr(lang, "Compensation: revenue of the last 12 months"),
            Cell::Formula(
                "IF(ISNUMBER(compensation_year),INDEX(revenue_requirement,compensation_year),\"\")".into(),
                or_none(compensation.map(|c| c.last_12_months_revenue)),
                Style::Money,
            ),
            "15(2)",
        ),
        (
            "compensation_total",
            tr(lang, "Compensation: total"),
            Cell::Formula(
                "IF(ISNUMBER(compensation_year),compensation_remaining_value+compensation_last_12_months_revenue,\"\")".into(),
                or_none(compensation.map(|c| c.total)),
                Style::Money,
            ),
            "15(2)",
        ),
    ];
    let mut summary_rows = vec![vec![
        Cell::header(tr(lang, "Result")),
        Cell::header(tr(lang, "Value")),
        Cell::header(tr(lang, "Section 6")),
        Cell::header(tr(lang, "Name")),
    ]];
    for (i, (name, label, value, rule)) in summary.into_iter().enumerate() {
        names.push((name.to_owned(), absolute(summary_name, 1, i + 1)));
        summary_rows.push(vec![
            Cell::text(label),
            value,
            Cell::text(rule),
            Cell::text(name),
        ]);
    }
    names.sort();

    // Every sheet protected (no password): only the entries' cells are unlocked.
    let sheet = |name: &str, rows, widths: Vec<f64>| Sheet {
        name: name.to_owned(),
        rows,
        widths,
        frozen_rows: 1,
        protected: true,
        landscape: true,
        chart: None,
    };
    // The chart the app draws, below the summary: revenue requirement by year in columns, the
    // average tariff as a line on its own axis, both read from the calculation's cells.
    let refers = |name: &str| {
        names
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.clone())
            .unwrap_or_default()
    };
    let chart = Chart {
        title: tr(lang, "Revenue requirement and average tariff by year").to_owned(),
        at: (0, summary_rows.len() + 1),
        size: (4, 22),
        categories: Series {
            name: tr(lang, "Year").to_owned(),
            refers: refers("year"),
            values: (1..=horizon).map(|y| y as f64).collect(),
        },
        columns: Series {
            name: format!("{} ({per_year})", tr(lang, "Revenue requirement")),
            refers: refers("revenue_requirement"),
            values: results
                .years
                .iter()
                .map(|y| y.revenue_requirement)
                .collect(),
        },
        line: Series {
            name: format!("{} ({per_kwh})", tr(lang, "Average tariff")),
            refers: refers("average_tariff"),
            values: results.years.iter().map(|y| y.average_tariff).collect(),
        },
    };
    let mut value_widths = vec![8.0];
    value_widths.extend(std::iter::repeat_n(22.0, 2 * assets));
    let mut calculation_widths = vec![8.0];
    calculation_widths.extend(std::iter::repeat_n(16.0, calculation_headers.len() - 1));
    Workbook {
        sheets: vec![
            sheet(
                entries_name,
                entry_rows,
                vec![52.0, 18.0, 14.0, 40.0, 10.0, 34.0],
            ),
            Sheet {
                chart: Some(chart),
                ..sheet(summary_name, summary_rows, vec![48.0, 20.0, 10.0, 36.0])
            },
            sheet(calculation_name, calculation_rows, calculation_widths),
            sheet(
                capital_name,
                capital_rows,
                vec![30.0, 18.0, 12.0, 20.0, 14.0, 18.0],
            ),
            sheet(values_name, value_rows, value_widths),
        ],
        names,
        currency: currency.to_owned(),
        recalculate_on_load: true,
    }
}
