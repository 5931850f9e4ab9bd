//! The tariff calculation of Section 6, in the browser: inputs prefilled from the form, results that
//! update as the user types (year table, SVG chart, warnings, comparison with 5.5), the method in a
//! short panel, and the files of the filled tariff tool (inputs.json, results.json, schedule.csv).

use crate::browser::files;
use crate::components::tariff_workbook::{OpenWorkbook, SaveWorkbook};
use crate::i18n::{lang, t, tx};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::draft::TariffDraft;
use mgl_domain::format::{fill, format_number, format_number_in};
use mgl_domain::tariff::{schedule_csv, wacc, TariffInput, TariffResults};
use mgl_domain::tariff_draft::{compute, Computation};
use mgl_domain::tariff_draft::{
    TariffAnswer, TariffTable, TariffUnit, ASSETS, COMPENSATION_YEAR, DEVELOPMENT_COST,
    DIESEL_ALTERNATIVE, GRANTS, HORIZON_YEARS, INDEXATION, KWH_SOLD, MARGIN, MULTIPLIERS,
    OPEX_FUEL, OPEX_NON_FUEL, SUBSIDIES, WACC,
};
use std::sync::Arc;

type ReadAnswer = Arc<dyn Fn(&TariffDraft) -> Option<String> + Send + Sync>;
type WriteAnswer = Arc<dyn Fn(&mut TariffDraft, String) + Send + Sync>;

#[derive(Clone, PartialEq)]
struct Computed {
    problems: Vec<(String, String)>,
    error: Option<String>,
    results: Option<(TariffInput, TariffResults)>,
}

/// One typed number of the tariff, with its label (visible, or for screen readers in tables) and the
/// problem at it. Every tariff input goes through here.
fn tariff_input(
    label: &'static str,
    path: String,
    unit: Option<String>,
    hidden_label: bool,
    get: ReadAnswer,
    set: WriteAnswer,
    computed: Memo<Computed>,
) -> AnyView {
    let state = use_state();
    let id = mgl_domain::fields::dom_id(&path);
    let value = move || {
        state
            .draft
            .with(|d| d.tariff.as_ref().and_then(|t| get(t)).unwrap_or_default())
    };
    let problem_path = path.clone();
    let problem = Memo::new(move |_| {
        computed.with(|c| {
            c.problems
                .iter()
                .find(|(p, _)| *p == problem_path)
                .map(|(_, m)| m.clone())
        })
    });
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        let set = set.clone();
        state.edit(move |d| {
            if let Some(tariff) = d.tariff.as_mut() {
                set(tariff, text);
            }
        });
    };
    let message_id = format!("{id}-msg");
    let (msg_id1, msg_id2) = (message_id.clone(), message_id);
    let label_view = (!hidden_label).then(|| view! { <label for=id.clone()>{tx(label)}</label> });
    view! {
        <div class="tariff-input">
            {label_view}
            <span class="control with-unit">
                <input type="text" inputmode="decimal" id=id aria-label=move || hidden_label.then(|| t(label))
                    prop:value=value on:input=on_input
                    aria-invalid=move || problem.with(Option::is_some).to_string()
                    aria-describedby=move || problem.with(Option::is_some).then(|| msg_id1.clone()) />
                {unit.map(|u| view! { <span class="unit">{u}</span> })}
            </span>
            {move || problem.get().map(|m| view! { <p class="message error" id=msg_id2.clone()>{m}</p> })}
        </div>
    }
    .into_any()
}

/// The text beside an answer of this unit.
fn unit_text(unit: TariffUnit) -> Option<String> {
    let currency = use_state().profile.with_untracked(|p| p.currency.clone());
    match unit {
        TariffUnit::None => None,
        TariffUnit::Money => Some(currency),
        TariffUnit::MoneyPerKwh => Some(format!("{currency}/kWh")),
    }
}

/// An answer of the tariff on its own (`tariff_draft`'s table), with its label.
fn scalar(answer: &'static TariffAnswer<TariffDraft>, computed: Memo<Computed>) -> AnyView {
    tariff_input(
        answer.label,
        answer.path(),
        unit_text(answer.unit),
        false,
        Arc::new(move |t| Some((answer.get)(t).clone())),
        Arc::new(move |t, v| *(answer.get_mut)(t) = v),
        computed,
    )
}

/// A cell of a table of rows (assets, years): column `column` of the row at `index`. Its label is
/// for screen readers (the table's header shows it).
fn cell<R: 'static>(
    table: &'static TariffTable<R>,
    column: usize,
    index: usize,
    computed: Memo<Computed>,
) -> AnyView {
    let answer = &table.columns[column];
    tariff_input(
        answer.label,
        table.path(index, answer),
        None,
        true,
        Arc::new(move |t| (table.rows)(t).get(index).map(|r| (answer.get)(r).clone())),
        Arc::new(move |t, v| {
            if let Some(r) = (table.rows_mut)(t).get_mut(index) {
                *(answer.get_mut)(r) = v;
            }
        }),
        computed,
    )
}

/// A row of a table: a cell per column, then the button that removes the row.
fn table_row<R: 'static>(
    table: &'static TariffTable<R>,
    index: usize,
    remove_label: &'static str,
    computed: Memo<Computed>,
    edit_tariff: impl Fn(Box<dyn FnOnce(&mut TariffDraft)>) + Copy + 'static,
) -> impl IntoView {
    let cells = (0..table.columns.len())
        .map(|column| view! { <td>{cell(table, column, index, computed)}</td> })
        .collect_view();
    view! {
        <tr>
            {cells}
            <td><button type="button" class="icon" aria-label=tx(remove_label) on:click=move |_| edit_tariff(Box::new(move |t| {
                let rows = (table.rows_mut)(t);
                if index < rows.len() {
                    rows.remove(index);
                }
            }))>"×"</button></td>
        </tr>
    }
}

/// A whole number with thousands grouped, or the value with up to 3 decimals: the table's numbers,
/// as the user's language writes them (read in a reactive closure, it follows the language).
fn n(value: f64) -> String {
    let value = if value.abs() >= 1000.0 {
        value.round()
    } else {
        value
    };
    format_number_in(value, lang())
}

/// Stacked bars of the revenue requirement by component, and the average tariff against the diesel
/// alternative, as SVG (integers only: no float printing in the wasm).
fn chart_svg(results: &TariffResults, diesel: Option<f64>) -> String {
    let (w, h, left, bottom, top) = (720i64, 260i64, 50i64, 30i64, 10i64);
    let years = results.years.len().max(1) as i64;
    let max_rr = results
        .years
        .iter()
        .map(|y| y.revenue_requirement)
        .fold(0.0, f64::max)
        .max(1.0);
    let max_tariff = results
        .years
        .iter()
        .flat_map(|y| [y.average_tariff, y.class_tariffs.residential])
        .chain(diesel)
        .fold(0.0, f64::max)
        .max(1e-9);
    let band = (w - left - 10) / years;
    let y_of =
        |v: f64, max: f64| h - bottom - ((v / max) * (h - bottom - top) as f64).round() as i64;
    let mut svg = format!(r#"<svg viewBox="0 0 {w} {h}" role="img" aria-labelledby="chart-title" class="tariff-chart"><title id="chart-title">{}</title>"#, t("Revenue requirement by component per year (bars) and average tariff (line) against the diesel alternative (dashed)"));
    for (i, y) in results.years.iter().enumerate() {
        let x = left + i as i64 * band + 2;
        let mut base = h - bottom;
        for (value, class) in [
            (y.depreciation, "dep"),
            (y.return_on_capital, "ret"),
            (y.opex.max(0.0), "opex"),
        ] {
            let height = h - bottom - y_of(value.max(0.0), max_rr);
            svg += &format!(
                r#"<rect class="{class}" x="{x}" y="{}" width="{}" height="{height}"/>"#,
                base - height,
                (band - 4).max(1)
            );
            base -= height;
        }
        if years <= 30 || i % 5 == 4 {
            svg += &format!(
                r#"<text x="{}" y="{}" class="axis">{}</text>"#,
                x + band / 2 - 4,
                h - 12,
                y.year
            );
        }
    }
    let points: Vec<String> = results
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            format!(
                "{},{}",
                left + i as i64 * band + band / 2,
                y_of(y.average_tariff, max_tariff)
            )
        })
        .collect();
    svg += &format!(
        r#"<polyline class="tariff" points="{}"/>"#,
        points.join(" ")
    );
    if let Some(d) = diesel {
        let yd = y_of(d, max_tariff);
        svg += &format!(
            r#"<line class="diesel" x1="{left}" x2="{}" y1="{yd}" y2="{yd}"/>"#,
            w - 10
        );
    }
    svg += &format!(
        r#"<line class="axis-line" x1="{left}" x2="{}" y1="{}" y2="{}"/></svg>"#,
        w - 10,
        h - bottom,
        h - bottom
    );
    svg
}

#[component]
pub fn Tariff() -> impl IntoView {
    let state = use_state();
    if state.draft.with_untracked(|d| d.tariff.is_none()) {
        state.edit(|d| d.tariff = Some(TariffDraft::prefilled(d, lang())));
    }
    let currency = move || state.profile.with(|p| p.currency.clone());
    let computed = Memo::new(move |_| {
        let currency = state.profile.with(|p| p.currency.clone());
        state.draft.with(|d| {
            let Some(tariff) = d.tariff.as_ref() else {
                return Computed {
                    problems: vec![],
                    error: None,
                    results: None,
                };
            };
            match compute(tariff, &currency) {
                Computation::Problems(p) => Computed {
                    problems: p
                        .into_iter()
                        .map(|(path, m)| (path, m.render(lang())))
                        .collect(),
                    error: None,
                    results: None,
                },
                Computation::Error(e) => Computed {
                    problems: vec![],
                    error: Some(e.render(lang())),
                    results: None,
                },
                Computation::Results(input, results) => Computed {
                    problems: vec![],
                    error: None,
                    results: Some((input, results)),
                },
            }
        })
    });
    let results = Memo::new(move |_| computed.with(|c| c.results.clone()));
    let rows_count = |rows: fn(&TariffDraft) -> usize| {
        Memo::new(move |_| {
            use_state()
                .draft
                .with(|d| d.tariff.as_ref().map_or(0, rows))
        })
    };
    let asset_rows = rows_count(|t| t.assets.len());
    let sales_rows = rows_count(|t| t.kwh_sold.len());
    let subsidy_rows = rows_count(|t| t.subsidies.len());
    let index_rows = rows_count(|t| t.indexation.len());
    let diesel_mode = Memo::new(move |_| {
        state.draft.with(|d| {
            d.tariff
                .as_ref()
                .is_some_and(|t| t.split_mode == "diesel_benchmark")
        })
    });
    let edit_tariff = move |f: Box<dyn FnOnce(&mut TariffDraft)>| {
        state.edit(|d| {
            if let Some(t) = d.tariff.as_mut() {
                f(t)
            }
        })
    };

    // WACC helper: E/V, Re, Rd, tax; kept on the page only.
    let helper = [
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    ];
    let helper_value = move || {
        let v: Vec<f64> = helper
            .iter()
            .filter_map(|s| mgl_domain::parse::parse_quantity(&s.get(), false).ok())
            .collect();
        (v.len() == 4)
            .then(|| wacc(v[0], v[1], v[2], v[3]))
            .flatten()
    };

    let statement = move || {
        state.draft.with(|d| {
            let stated = mgl_domain::parse::parse_quantity(&d.funding.tariff, false).ok()?;
            let r = results.get()?.1;
            let y1 = r.years.first()?.average_tariff;
            Some(if d.funding.tariff_basis == "per_kwh" {
                fill(t("The tariff stated in 5.5 is {stated} {currency}/kWh; the method gives {y1} in year 1 and {levelised} levelised."),
                    &[("stated", &n(stated)), ("currency", &currency()), ("y1", &n(y1)), ("levelised", &n(r.levelised_tariff))])
            } else {
                fill(t("The tariff stated in 5.5 is a flat rate per W ({stated}); the method's average tariff in year 1 is {y1} {currency}/kWh."),
                    &[("stated", &n(stated)), ("currency", &currency()), ("y1", &n(y1))])
            })
        })
    };

    let download = move |which: &'static str| {
        let Some((input, results)) = results.get_untracked() else {
            return;
        };
        let title = state.draft.with_untracked(|d| d.title().to_owned());
        let _ = match which {
            "inputs" => files::download_text(
                &files::safe_file_name(&format!("{title} tariff inputs"), "json"),
                "application/json",
                &serde_json::to_string_pretty(&input).unwrap_or_default(),
            ),
            "results" => files::download_text(
                &files::safe_file_name(&format!("{title} tariff results"), "json"),
                "application/json",
                &serde_json::to_string_pretty(&results.file(lang())).unwrap_or_default(),
            ),
            _ => files::download_text(
                &files::safe_file_name(&format!("{title} tariff schedule"), "csv"),
                "text/csv",
                &schedule_csv(&results),
            ),
        };
    };

    view! {
        <section class="tariff" aria-labelledby="tariff-title">
            <h2 id="tariff-title"><span class="section">{tx("Section 6")}</span>{tx("Tariff calculation")}</h2>
            <p class="lead">{tx("The filled tariff calculation tool of Section 4.1(2)(e). Results update as you type; sales are prefilled from 5.4 and 5.5.")}</p>
            <OpenWorkbook />
            <details class="method">
                <summary>{tx("Method")}</summary>
                <ul>
                    <li>{tx("Average tariff = revenue requirement ÷ kWh sold, year by year (6.1(a)).")}</li>
                    <li>{tx("Revenue requirement = opex − subsidies + depreciation + WACC × remaining value at the start of the year (6.1(b)).")}</li>
                    <li>{tx("Annuity depreciation per asset class over its lifetime (6.1(c)); the capital charge of a class is constant.")}</li>
                    <li>{tx("Opex of the first three years is capitalised: added to the capital base, and left out of those years (6.1(d)).")}</li>
                    <li>{tx("Capital base = capex + development cost + capitalised opex − grants, spread over the classes pro rata (6.1(e)).")}</li>
                    <li>{tx("Class tariffs are revenue-neutral: by multipliers, or productive users at the diesel alternative less a margin (6.1(f)).")}</li>
                    <li>{tx("Opex is indexed: fuel by the diesel index, the rest by the CPI (6.2(2)). Compensation if the main grid arrives: remaining value plus the last 12 months' revenue (15(2)).")}</li>
                </ul>
            </details>

            <fieldset class="group">
                <legend>{tx("Cost of capital")}</legend>
                {scalar(&WACC, computed)}
                <details class="wacc-helper">
                    <summary>{tx("Compute the WACC from equity and debt")}</summary>
                    <div class="grid">
                        {[("Equity share E/V (0 to 1)", 0usize), ("Cost of equity Re", 1), ("Cost of debt Rd", 2), ("Tax rate (0 to 1)", 3)].map(|(label, i)| view! {
                            <div class="field"><label>{tx(label)}
                                <input type="text" inputmode="decimal" prop:value=move || helper[i].get() on:input=move |ev| helper[i].set(event_target_value(&ev)) />
                            </label></div>
                        }).collect_view()}
                    </div>
                    <p>{move || helper_value().map(|w| format!("{} {}", t("WACC ="), format_number_in(w, lang())))}</p>
                    <button type="button" class="secondary" disabled=move || helper_value().is_none() on:click=move |_| {
                        if let Some(w) = helper_value() {
                            edit_tariff(Box::new(move |t| t.wacc = format_number(w)));
                        }
                    }>{tx("Use this WACC")}</button>
                </details>
            </fieldset>

            <fieldset class="group">
                <legend>{tx("Capital expenditure by asset class")}</legend>
                <div class="table-scroll"><table class="input-table asset-table">
                    <thead><tr><th scope="col">{tx("Asset class")}</th><th scope="col">{move || format!("{} ({})", t("Capex"), currency())}</th><th scope="col">{tx("Lifetime (years)")}</th><th></th></tr></thead>
                    <tbody>
                        {move || (0..asset_rows.get()).map(|i| table_row(&ASSETS, i, "Remove this asset class", computed, edit_tariff)).collect_view()}
                    </tbody>
                </table></div>
                <button type="button" class="secondary" on:click=move |_| edit_tariff(Box::new(|t| t.assets.push(Default::default())))>{tx("Add an asset class")}</button>
                <div class="grid">
                    {scalar(&DEVELOPMENT_COST, computed)}
                    {scalar(&GRANTS, computed)}
                </div>
            </fieldset>

            <fieldset class="group">
                <legend>{tx("Operating costs (year 0 values, per year)")}</legend>
                <div class="grid">
                    {scalar(&OPEX_FUEL, computed)}
                    {scalar(&OPEX_NON_FUEL, computed)}
                </div>
                <div class="field checkbox"><label class="choice">
                    <input type="checkbox" prop:checked=move || state.draft.with(|d| d.tariff.as_ref().is_none_or(|t| t.capitalise_first_three_years_opex != "no"))
                        on:change=move |ev| { let on = event_target_checked(&ev); edit_tariff(Box::new(move |t| t.capitalise_first_three_years_opex = if on { "yes".into() } else { "no".into() })) } />
                    <span>{tx("Capitalise the opex of the first three years (6.1(d)); untick for mini-grids past their first three years")}</span>
                </label></div>
                <h4>{tx("Operational subsidies")}</h4>
                <div class="table-scroll"><table class="input-table">
                    <thead><tr><th scope="col">{tx("Year")}</th><th scope="col">{move || format!("{} ({})", t("Amount"), currency())}</th><th></th></tr></thead>
                    <tbody>{move || (0..subsidy_rows.get()).map(|i| table_row(&SUBSIDIES, i, "Remove this subsidy", computed, edit_tariff)).collect_view()}</tbody>
                </table></div>
                <button type="button" class="secondary" on:click=move |_| edit_tariff(Box::new(|t| t.subsidies.push(Default::default())))>{tx("Add a subsidy")}</button>
                <h4>{tx("Indexation (6.2(2)): indices relative to year 0 = 1.0; years not listed: 1.0")}</h4>
                <div class="table-scroll"><table class="input-table">
                    <thead><tr><th scope="col">{tx("Year")}</th><th scope="col">{tx("Diesel index")}</th><th scope="col">{tx("CPI index")}</th><th></th></tr></thead>
                    <tbody>{move || (0..index_rows.get()).map(|i| table_row(&INDEXATION, i, "Remove this year", computed, edit_tariff)).collect_view()}</tbody>
                </table></div>
                <button type="button" class="secondary" on:click=move |_| edit_tariff(Box::new(|t| t.indexation.push(Default::default())))>{tx("Add a year of indices")}</button>
            </fieldset>

            <fieldset class="group">
                <legend>{tx("kWh sold per year by customer class (later years repeat the last row)")}</legend>
                <div class="table-scroll"><table class="input-table">
                    <thead><tr><th scope="col">{tx("Year")}</th><th scope="col">{tx("Residential")}</th><th scope="col">{tx("Commercial")}</th><th scope="col">{tx("Productive")}</th><th scope="col">{tx("Special")}</th><th></th></tr></thead>
                    <tbody>{move || (0..sales_rows.get()).map(|i| table_row(&KWH_SOLD, i, "Remove this year", computed, edit_tariff)).collect_view()}</tbody>
                </table></div>
                <button type="button" class="secondary" on:click=move |_| edit_tariff(Box::new(|t| t.kwh_sold.push(Default::default())))>{tx("Add a year of sales")}</button>
            </fieldset>

            <fieldset class="group">
                <legend>{tx("Tariffs by customer class (6.1(f))")}</legend>
                <div class="choices">
                    <label class="choice"><input type="radio" name="split-mode" prop:checked=move || !diesel_mode.get()
                        on:change=move |_| edit_tariff(Box::new(|t| t.split_mode = "multipliers".into())) /><span>{tx("By multipliers of the average tariff")}</span></label>
                    <label class="choice"><input type="radio" name="split-mode" prop:checked=move || diesel_mode.get()
                        on:change=move |_| edit_tariff(Box::new(|t| t.split_mode = "diesel_benchmark".into())) /><span>{tx("Productive users at the diesel alternative less a margin, residential customers the remainder")}</span></label>
                </div>
                <Show when=move || !diesel_mode.get()>
                    <div class="grid">
                        {scalar(&MULTIPLIERS[0], computed)}
                        {scalar(&MULTIPLIERS[1], computed)}
                        {scalar(&MULTIPLIERS[2], computed)}
                        {scalar(&MULTIPLIERS[3], computed)}
                    </div>
                </Show>
                <div class="grid">
                    {scalar(&DIESEL_ALTERNATIVE, computed)}
                    {scalar(&MARGIN, computed)}
                </div>
            </fieldset>

            <fieldset class="group">
                <legend>{tx("Horizon and compensation (15(2))")}</legend>
                <div class="grid">
                    {scalar(&HORIZON_YEARS, computed)}
                    {scalar(&COMPENSATION_YEAR, computed)}
                </div>
                <div class="field checkbox"><label class="choice">
                    <input type="checkbox" prop:checked=move || state.draft.with(|d| d.tariff.as_ref().is_some_and(|t| t.compensation_basis == "gross"))
                        on:change=move |ev| { let gross = event_target_checked(&ev); edit_tariff(Box::new(move |t| t.compensation_basis = if gross { "gross".into() } else { "net".into() })) } />
                    <span>{tx("Compensation gross of grants (add the grant-funded share back)")}</span>
                </label></div>
            </fieldset>

            <section class="tariff-results" aria-live="polite" aria-labelledby="tariff-results-title">
                <h3 id="tariff-results-title">{tx("Results")}</h3>
                {move || computed.with(|c| {
                    if let Some(e) = &c.error {
                        view! { <p class="message error" role="alert">{e.clone()}</p> }.into_any()
                    } else if !c.problems.is_empty() {
                        view! { <p class="message warning">{format!("{} {}", c.problems.len(), t("inputs to complete or correct above before the tariff can be computed."))}</p> }.into_any()
                    } else {
                        ().into_any()
                    }
                })}
                {move || results.get().map(|(input, r)| {
                    let diesel = match input.split { mgl_domain::tariff::Split::DieselBenchmark { diesel_alternative_per_kwh, .. } => Some(diesel_alternative_per_kwh), _ => None }
                        .or_else(|| state.draft.with_untracked(|d| d.tariff.as_ref().and_then(|t| mgl_domain::parse::parse_quantity(&t.diesel_alternative_per_kwh, false).ok())));
                    let svg = chart_svg(&r, diesel);
                    view! {
                        <ul class="tariff-warnings">{r.warnings.iter().map(|w| view! { <li class="message warning">{w.render(lang())}</li> }).collect_view()}</ul>
                        <dl class="tariff-summary">
                            <dt>{tx("Capital base")}</dt><dd>{format!("{} {}", n(r.capital_base), input.currency)}</dd>
                            <dt>{tx("of which capitalised opex")}</dt><dd>{format!("{} {}", n(r.capitalised_opex), input.currency)}</dd>
                            <dt>{tx("Annual capital charge (year 1)")}</dt><dd>{format!("{} {}", n(r.annual_capital_charge), input.currency)}</dd>
                            <dt>{tx("Levelised tariff")}</dt><dd data-testid="levelised">{format!("{} {}/kWh", n(r.levelised_tariff), input.currency)}</dd>
                            {r.compensation.as_ref().map(|c| view! { <dt>{format!("{} {}", t("Compensation at the end of year"), c.year)}</dt><dd>{format!("{} {}", n(c.total), input.currency)}</dd> })}
                        </dl>
                        <p class="statement">{statement}</p>
                        <div class="chart" inner_html=svg></div>
                        <p class="legend"><span class="key dep"></span>{tx("Depreciation")} <span class="key ret"></span>{tx("Return")} <span class="key opex"></span>{tx("Opex")} <span class="key tariff"></span>{tx("Average tariff")} <span class="key diesel"></span>{tx("Diesel alternative")}</p>
                        <div class="table-scroll">
                            <table class="tariff-table" data-testid="tariff-table">
                                <thead><tr>
                                    <th scope="col">{tx("Year")}</th><th scope="col">{tx("Opening value")}</th><th scope="col">{tx("Depreciation")}</th><th scope="col">{tx("Return")}</th>
                                    <th scope="col">{tx("Opex")}</th><th scope="col">{tx("Revenue requirement")}</th><th scope="col">{tx("kWh sold")}</th>
                                    <th scope="col">{tx("Average tariff")}</th><th scope="col">{tx("Residential")}</th><th scope="col">{tx("Commercial")}</th><th scope="col">{tx("Productive")}</th><th scope="col">{tx("Special")}</th>
                                </tr></thead>
                                <tbody>{r.years.iter().map(|y| view! {
                                    <tr>
                                        <th scope="row">{y.year}</th><td>{n(y.opening_value)}</td><td>{n(y.depreciation)}</td><td>{n(y.return_on_capital)}</td>
                                        <td>{n(y.opex)}</td><td>{n(y.revenue_requirement)}</td><td>{n(y.kwh_sold)}</td><td class="average">{n(y.average_tariff)}</td>
                                        <td>{n(y.class_tariffs.residential)}</td><td>{n(y.class_tariffs.commercial)}</td><td>{n(y.class_tariffs.productive)}</td><td>{n(y.class_tariffs.special)}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table>
                        </div>
                        <div class="downloads">
                            <SaveWorkbook results=results />
                            <button type="button" class="secondary" on:click=move |_| download("inputs")>{tx("Save inputs.json")}</button>
                            <button type="button" class="secondary" on:click=move |_| download("results")>{tx("Save results.json")}</button>
                            <button type="button" class="secondary" on:click=move |_| download("schedule")>{tx("Save schedule.csv")}</button>
                        </div>
                    }
                })}
            </section>
        </section>
    }
}
