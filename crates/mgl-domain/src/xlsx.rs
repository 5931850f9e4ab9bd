//! XLSX written with no spreadsheet library: the few SpreadsheetML parts a workbook of values and
//! formulas needs, zipped by the bundle's deterministic zip writer (the same workbook always gives
//! the same bytes). Used by the site register (`register::workbook`) and the tariff workbook
//! (`tariff_workbook`); a writer library would add hundreds of KB of wasm to the screens that save one.

use mgl_bag::zip::{Names, ZipWriter};

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// How a cell looks: the workbook's cell formats (`cellXfs`), in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Normal,
    /// Bold: a header row or a section's title.
    Header,
    /// An amount in the workbook's currency, thousands separated, two decimals.
    Money,
    /// A decimal shown as a percentage (0.14 as 14.00 %).
    Percent,
    /// A whole number, thousands separated (kWh, years' counts).
    Whole,
    /// A ratio or an index, four decimals.
    Ratio,
    /// Text that wraps in its column (notes).
    Wrapped,
    // The same, as entries: unlocked when the sheet is protected, on a pale yellow ground.
    EntryMoney,
    EntryPercent,
    EntryWhole,
    EntryRatio,
    EntryText,
}

const STYLES: [Style; 12] = [
    Style::Normal,
    Style::Header,
    Style::Money,
    Style::Percent,
    Style::Whole,
    Style::Ratio,
    Style::Wrapped,
    Style::EntryMoney,
    Style::EntryPercent,
    Style::EntryWhole,
    Style::EntryRatio,
    Style::EntryText,
];

impl Style {
    fn index(self) -> usize {
        STYLES
            .iter()
            .position(|s| *s == self)
            .expect("every style listed")
    }

    /// The style of the same look as an entry (unlocked, shaded).
    pub fn entry(self) -> Style {
        match self {
            Style::Money => Style::EntryMoney,
            Style::Percent => Style::EntryPercent,
            Style::Whole => Style::EntryWhole,
            Style::Ratio => Style::EntryRatio,
            Style::Normal | Style::Wrapped => Style::EntryText,
            other => other,
        }
    }

    /// (number format id, font, fill, unlocked, wrapped)
    fn format(self) -> (u32, u32, u32, bool, bool) {
        match self {
            Style::Normal => (0, 0, 0, false, false),
            Style::Header => (0, 1, 0, false, false),
            Style::Money => (MONEY_FORMAT, 0, 0, false, false),
            Style::Percent => (10, 0, 0, false, false),
            Style::Whole => (3, 0, 0, false, false),
            Style::Ratio => (RATIO_FORMAT, 0, 0, false, false),
            Style::Wrapped => (0, 0, 0, false, true),
            Style::EntryMoney => (MONEY_FORMAT, 0, 2, true, false),
            Style::EntryPercent => (10, 0, 2, true, false),
            Style::EntryWhole => (3, 0, 2, true, false),
            Style::EntryRatio => (RATIO_FORMAT, 0, 2, true, false),
            Style::EntryText => (0, 0, 2, true, true),
        }
    }
}

/// The custom number formats' ids (164 is the first a workbook may define).
const MONEY_FORMAT: u32 = 164;
const RATIO_FORMAT: u32 = 165;

/// What a formula's cell held when it was written, for readers that do not recalculate.
#[derive(Clone, Debug, PartialEq)]
pub enum Cached {
    Number(f64),
    Text(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String, Style),
    Number(f64, Style),
    Bool(bool, Style),
    /// A formula without its `=`, in the English (A1) syntax files hold.
    Formula(String, Cached, Style),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into(), Style::Normal)
    }
    pub fn header(text: impl Into<String>) -> Cell {
        Cell::Text(text.into(), Style::Header)
    }
}

/// One worksheet.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// Column widths in characters, from column A.
    pub widths: Vec<f64>,
    /// Rows kept in view when scrolling (the header).
    pub frozen_rows: u32,
    /// Locked except the cells of an entry style (no password: a guard against slips, not a lock).
    pub protected: bool,
    /// Printed on A4 landscape, as wide as the page.
    pub landscape: bool,
    /// A chart drawn on the sheet.
    pub chart: Option<Chart>,
}

/// A chart of columns for one series and a line for another on an axis of its own (the tariff's
/// revenue requirement and average tariff), over the same categories (the years). Each series is
/// a reference to cells, with their values cached for readers that draw without recalculating.
#[derive(Clone, Debug)]
pub struct Chart {
    pub title: String,
    /// Where it sits: its top-left cell (column, row, from 0) and its size in columns and rows.
    pub at: (usize, usize),
    pub size: (usize, usize),
    pub categories: Series,
    pub columns: Series,
    pub line: Series,
}

/// One series of a chart: its name, the cells it reads (`'Calculation'!$F$2:$F$21`), their values.
#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub refers: String,
    pub values: Vec<f64>,
}

/// A workbook: its sheets, its workbook-scope names (`name`, `'Sheet'!$B$2`), and the currency
/// its money format shows.
#[derive(Clone, Debug, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    pub names: Vec<(String, String)>,
    pub currency: String,
    /// Readers that recalculate do so on opening (Excel; LibreOffice when set to).
    pub recalculate_on_load: bool,
}

/// Text as XML holds it: escaped as HTML is (the same five characters), without the control
/// characters XML 1.0 cannot hold.
pub fn xml_text(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| c >= ' ' || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    crate::printout::esc(&allowed)
}

/// A spreadsheet column's letters: 0 is A, 26 is AA.
pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// A cell's reference from its 0-based column and row: (1, 0) is B1.
pub fn reference(column: usize, row: usize) -> String {
    format!("{}{}", column_letters(column), row + 1)
}

/// A sheet's name as a formula or a defined name refers to it: quoted, its quotes doubled.
pub fn sheet_ref(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// A number as a cell holds it: the shortest text that reads back as the same double.
fn number(value: f64) -> String {
    let text = format!("{value:?}");
    text.strip_suffix(".0").unwrap_or(&text).to_owned()
}

fn inline_text(text: &str) -> String {
    let space = if text.trim() != text {
        " xml:space=\"preserve\""
    } else {
        ""
    };
    format!("<is><t{space}>{}</t></is>", xml_text(text))
}

fn cell_xml(at: &str, cell: &Cell) -> String {
    let style = |s: &Style| match s.index() {
        0 => String::new(),
        i => format!(" s=\"{i}\""),
    };
    match cell {
        Cell::Empty => String::new(),
        // An empty cell that is an entry: its style says it may be filled in.
        Cell::Text(text, s) if text.is_empty() => match s.index() {
            0 => String::new(),
            _ => format!("<c r=\"{at}\"{}/>", style(s)),
        },
        Cell::Text(text, s) => format!(
            "<c r=\"{at}\"{} t=\"inlineStr\">{}</c>",
            style(s),
            inline_text(text)
        ),
        Cell::Number(value, s) => {
            format!("<c r=\"{at}\"{}><v>{}</v></c>", style(s), number(*value))
        }
        Cell::Bool(value, s) => {
            format!(
                "<c r=\"{at}\"{} t=\"b\"><v>{}</v></c>",
                style(s),
                u8::from(*value)
            )
        }
        Cell::Formula(formula, cached, s) => {
            let (kind, value) = match cached {
                Cached::Number(v) => ("", number(*v)),
                Cached::Text(t) => (" t=\"str\"", xml_text(t)),
            };
            format!(
                "<c r=\"{at}\"{}{kind}><f>{}</f><v>{value}</v></c>",
                style(s),
                xml_text(formula)
            )
        }
    }
}

fn sheet_xml(sheet: &Sheet) -> String {
    let mut out = format!("{XML_HEAD}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">");
    if sheet.landscape {
        out += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>";
    }
    out += "<sheetViews><sheetView workbookViewId=\"0\">";
    if sheet.frozen_rows > 0 {
        out += &format!(
            "<pane ySplit=\"{n}\" topLeftCell=\"A{top}\" activePane=\"bottomLeft\" state=\"frozen\"/>",
            n = sheet.frozen_rows,
            top = sheet.frozen_rows + 1
        );
    }
    out += "</sheetView></sheetViews>";
    if !sheet.widths.is_empty() {
        out += "<cols>";
        for (i, width) in sheet.widths.iter().enumerate() {
            out += &format!(
                "<col min=\"{n}\" max=\"{n}\" width=\"{width}\" customWidth=\"1\"/>",
                n = i + 1
            );
        }
        out += "</cols>";
    }
    out += "<sheetData>";
    for (r, row) in sheet.rows.iter().enumerate() {
        out += &format!("<row r=\"{}\">", r + 1);
        for (c, cell) in row.iter().enumerate() {
            out += &cell_xml(&reference(c, r), cell);
        }
        out += "</row>";
    }
    out += "</sheetData>";
    if sheet.protected {
        out += "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\"/>";
    }
    if sheet.landscape {
        out += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>\
                <pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>";
    }
    if sheet.chart.is_some() {
        // Its drawing is the sheet's one relationship (`xl/worksheets/_rels`).
        out += "<drawing r:id=\"rId1\"/>";
    }
    out + "</worksheet>"
}

const CHART_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const DRAWING_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

/// A series' cells and cached values, as a chart's `cat` or `val` holds them.
fn series_data(tag: &str, series: &Series) -> String {
    let points: String = series
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", number(*v)))
        .collect();
    format!(
        "<c:{tag}><c:numRef><c:f>{}</c:f><c:numCache><c:formatCode>General</c:formatCode>\
         <c:ptCount val=\"{}\"/>{points}</c:numCache></c:numRef></c:{tag}>",
        xml_text(&series.refers),
        series.values.len()
    )
}

fn rich_text(text: &str) -> String {
    format!(
        "<c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/>",
        xml_text(text)
    )
}

fn chart_xml(chart: &Chart) -> String {
    let series = |index: usize, s: &Series, extra: &str| {
        format!(
            "<c:ser><c:idx val=\"{index}\"/><c:order val=\"{index}\"/><c:tx><c:v>{}</c:v></c:tx>{extra}{}{}</c:ser>",
            xml_text(&s.name),
            series_data("cat", &chart.categories),
            series_data("val", s)
        )
    };
    let axis_title = |s: &Series| format!("<c:title>{}</c:title>", rich_text(&s.name));
    format!(
        "{XML_HEAD}<c:chartSpace xmlns:c=\"{CHART_NS}\" xmlns:a=\"{DRAWING_NS}\" xmlns:r=\"{REL_NS}\">\
         <c:chart><c:title>{title}</c:title><c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>\
         <c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>{columns}\
         <c:gapWidth val=\"50\"/><c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:barChart>\
         <c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>{line}\
         <c:marker val=\"1\"/><c:axId val=\"1003\"/><c:axId val=\"1004\"/></c:lineChart>\
         <c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/>\
         <c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:tickLblPos val=\"nextTo\"/>\
         <c:crossAx val=\"1002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/></c:catAx>\
         <c:valAx><c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/>\
         <c:axPos val=\"l\"/><c:majorGridlines/>{columns_title}<c:numFmt formatCode=\"#,##0\" sourceLinked=\"0\"/>\
         <c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1001\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>\
         <c:catAx><c:axId val=\"1003\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"1\"/>\
         <c:axPos val=\"b\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1004\"/><c:crosses val=\"autoZero\"/>\
         <c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/></c:catAx>\
         <c:valAx><c:axId val=\"1004\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/>\
         <c:axPos val=\"r\"/>{line_title}<c:numFmt formatCode=\"#,##0.00\" sourceLinked=\"0\"/><c:tickLblPos val=\"nextTo\"/>\
         <c:crossAx val=\"1003\"/><c:crosses val=\"max\"/><c:crossBetween val=\"between\"/></c:valAx>\
         </c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend><c:plotVisOnly val=\"1\"/>\
         </c:chart></c:chartSpace>",
        title = rich_text(&chart.title),
        columns = series(0, &chart.columns, "<c:invertIfNegative val=\"0\"/>"),
        line = series(1, &chart.line, "<c:marker><c:symbol val=\"none\"/></c:marker>")
            .replace("</c:ser>", "<c:smooth val=\"0\"/></c:ser>"),
        columns_title = axis_title(&chart.columns),
        line_title = axis_title(&chart.line),
    )
}

/// The drawing that anchors a sheet's chart `n` to its cells.
fn drawing_xml(chart: &Chart) -> String {
    let (column, row) = chart.at;
    let (width, height) = chart.size;
    format!(
        "{XML_HEAD}<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" xmlns:a=\"{DRAWING_NS}\">\
         <xdr:twoCellAnchor><xdr:from><xdr:col>{column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>\
         <xdr:to><xdr:col>{}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>\
         <xdr:graphicFrame macro=\"\"><xdr:nvGraphicFramePr><xdr:cNvPr id=\"2\" name=\"{}\"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>\
         <xdr:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/></xdr:xfrm><a:graphic><a:graphicData uri=\"{CHART_NS}\">\
         <c:chart xmlns:c=\"{CHART_NS}\" xmlns:r=\"{REL_NS}\" r:id=\"rId1\"/></a:graphicData></a:graphic></xdr:graphicFrame>\
         <xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>",
        column + width,
        row + height,
        xml_text(&chart.title)
    )
}

/// A part's relationships file holding one relationship, `rId1`.
fn one_relationship(kind: &str, target: &str) -> String {
    format!(
        "{XML_HEAD}<Relationships xmlns=\"{PACKAGE_REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/{kind}\" Target=\"{target}\"/></Relationships>"
    )
}

fn styles_xml(currency: &str) -> String {
    // The currency shown after the amount, as a quoted literal of the format.
    let money = if currency.is_empty() {
        "#,##0.00".to_owned()
    } else {
        format!("#,##0.00\\ \"{}\"", currency.replace('"', ""))
    };
    let mut xfs = String::new();
    for style in STYLES {
        let (format, font, fill, unlocked, wrapped) = style.format();
        let mut xf = format!(
            "<xf numFmtId=\"{format}\" fontId=\"{font}\" fillId=\"{fill}\" borderId=\"0\" xfId=\"0\"{}{}{}{}",
            if format != 0 { " applyNumberFormat=\"1\"" } else { "" },
            if font != 0 { " applyFont=\"1\"" } else { "" },
            if fill != 0 { " applyFill=\"1\"" } else { "" },
            if unlocked { " applyProtection=\"1\"" } else { "" },
        );
        if unlocked || wrapped {
            xf += ">";
            if wrapped {
                xf += "<alignment wrapText=\"1\" vertical=\"top\"/>";
            }
            if unlocked {
                xf += "<protection locked=\"0\"/>";
            }
            xf += "</xf>";
        } else {
            xf += "/>";
        }
        xfs += &xf;
    }
    format!(
        "{XML_HEAD}<styleSheet xmlns=\"{MAIN_NS}\">\
         <numFmts count=\"2\"><numFmt numFmtId=\"{MONEY_FORMAT}\" formatCode=\"{}\"/><numFmt numFmtId=\"{RATIO_FORMAT}\" formatCode=\"0.0000\"/></numFmts>\
         <fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>\
         <fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>\
         <fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFF5CC\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>\
         <borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
         <cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
         <cellXfs count=\"{}\">{xfs}</cellXfs>\
         <cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>",
        xml_text(&money),
        STYLES.len()
    )
}

impl Workbook {
    /// The workbook as XLSX bytes.
    pub fn to_xlsx(&self) -> Vec<u8> {
        let sheet_types: String = (1..=self.sheets.len())
            .map(|i| format!("<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
            .collect();
        let sheets: String = self
            .sheets
            .iter()
            .enumerate()
            .map(|(i, s)| {
                format!(
                    "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
                    xml_text(&s.name),
                    n = i + 1
                )
            })
            .collect();
        let names = if self.names.is_empty() {
            String::new()
        } else {
            let each: String = self
                .names
                .iter()
                .map(|(name, refers)| {
                    format!(
                        "<definedName name=\"{}\">{}</definedName>",
                        xml_text(name),
                        xml_text(refers)
                    )
                })
                .collect();
            format!("<definedNames>{each}</definedNames>")
        };
        let calc = if self.recalculate_on_load {
            "<calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/>"
        } else {
            ""
        };
        // The sheets' charts, numbered in the order of the sheets: each a drawing and a chart part.
        let charts: Vec<(usize, usize, &Chart)> = self
            .sheets
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.chart.as_ref().map(|c| (i + 1, c)))
            .enumerate()
            .map(|(k, (sheet, chart))| (sheet, k + 1, chart))
            .collect();
        let chart_types: String = charts
            .iter()
            .map(|(_, k, _)| format!(
                "<Override PartName=\"/xl/drawings/drawing{k}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawing+xml\"/>\
                 <Override PartName=\"/xl/charts/chart{k}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"))
            .collect();
        let sheet_rels: String = (1..=self.sheets.len())
            .map(|i| format!("<Relationship Id=\"rId{i}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"))
            .collect();
        let mut parts: Vec<(String, String)> = vec![
            ("[Content_Types].xml".into(), format!(
                "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
                 {sheet_types}{chart_types}\
                 <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>")),
            ("_rels/.rels".into(), format!(
                "{XML_HEAD}<Relationships xmlns=\"{PACKAGE_REL_NS}\">\
                 <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
            ("xl/workbook.xml".into(), format!(
                "{XML_HEAD}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheets>{sheets}</sheets>{names}{calc}</workbook>")),
            ("xl/_rels/workbook.xml.rels".into(), format!(
                "{XML_HEAD}<Relationships xmlns=\"{PACKAGE_REL_NS}\">{sheet_rels}\
                 <Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/></Relationships>",
                self.sheets.len() + 1)),
            ("xl/styles.xml".into(), styles_xml(&self.currency)),
        ];
        for (i, sheet) in self.sheets.iter().enumerate() {
            parts.push((
                format!("xl/worksheets/sheet{}.xml", i + 1),
                sheet_xml(sheet),
            ));
        }
        for (sheet, k, chart) in &charts {
            parts.push((
                format!("xl/worksheets/_rels/sheet{sheet}.xml.rels"),
                one_relationship("drawing", &format!("../drawings/drawing{k}.xml")),
            ));
            parts.push((format!("xl/drawings/drawing{k}.xml"), drawing_xml(chart)));
            parts.push((
                format!("xl/drawings/_rels/drawing{k}.xml.rels"),
                one_relationship("chart", &format!("../charts/chart{k}.xml")),
            ));
            parts.push((format!("xl/charts/chart{k}.xml"), chart_xml(chart)));
        }
        let mut zip = ZipWriter::with_names(Names::InMemory);
        let mut out = Vec::new();
        for (name, xml) in &parts {
            out.extend(
                zip.add_bytes(name, xml.as_bytes(), true)
                    .expect("fixed names, parts well under the zip's limits"),
            );
        }
        out.extend(zip.finish().expect("a few parts"));
        out
    }
}
