//! The maturity radar of the report: an SVG written as text from [`crate::radar`]'s geometry
//! (the same axes as the terminal chart), and a PNG of it drawn by resvg for converters that
//! do not take SVG (pandoc → DOCX).
//!
//! One axis per domain, clockwise from the top; a ring per level of the scale; the current
//! scores as a filled polygon; the previous round's as a dashed outline; the domain ids with
//! their score at the end of each axis; a legend. Text uses DejaVu Sans, embedded in the
//! binary (`assets/fonts/`), so the PNG has its labels on a jump host without fonts.

use std::fmt::Write as _;
use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use crate::error::{Error, ReportFault, Result};
use crate::grid::Lang;
use crate::radar;

/// The SVG's size in user units (pixels at 1:1).
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 560.0;
/// Where the chart's centre sits and how long an axis is, in user units.
pub const CENTER_X: f64 = 320.0;
pub const CENTER_Y: f64 = 255.0;
pub const RADIUS: f64 = 175.0;
/// The PNG is drawn at twice the SVG's size, for print.
pub const PNG_SCALE: f32 = 2.0;

const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FONT_FAMILY: &str = "DejaVu Sans";

const CURRENT: &str = "#1f5fa8";
const PREVIOUS: &str = "#b3541e";
const GRID_LINE: &str = "#c9ccd1";
const AXIS_LINE: &str = "#8d939b";
const INK: &str = "#1d232b";

/// What the radar draws.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    /// Axis labels in grid order (domain ids).
    pub axes: Vec<String>,
    pub current: Vec<Option<f64>>,
    pub previous: Option<Vec<Option<f64>>>,
    /// The top of the scale.
    pub max: f64,
    pub title: &'a str,
    pub current_label: &'a str,
    pub previous_label: Option<&'a str>,
    /// How a domain without a score is labelled.
    pub no_score: &'a str,
    pub lang: Lang,
}

/// A point of the unit radar (y up) in SVG user units (y down).
pub fn to_svg((x, y): (f64, f64)) -> (f64, f64) {
    (CENTER_X + x * RADIUS, CENTER_Y - y * RADIUS)
}

/// The `points` attribute of a polygon, with two decimals.
pub fn points(unit: &[(f64, f64)]) -> String {
    unit.iter()
        .map(|point| {
            let (x, y) = to_svg(*point);
            format!("{x:.2},{y:.2}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes text for an XML text node or attribute, after replacing control characters
/// (which XML 1.0 forbids).
pub fn xml_escape(text: &str) -> String {
    // HTML's escaping, and the apostrophe, which XML attributes may be quoted with.
    super::html::escape_html(text).replace('\'', "&apos;")
}

/// At most `max` characters, with an ellipsis when cut: legend texts come from users.
fn shorten(text: &str, max: usize) -> String {
    let text = crate::text::one_line(text);
    if text.chars().count() <= max {
        return text.trim().to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

fn score_label(score: Option<f64>, chart: &Chart) -> String {
    match score {
        Some(value) => {
            let text = format!("{value:.1}");
            match chart.lang {
                Lang::En => text,
                Lang::Fr => text.replace('.', ","),
            }
        }
        None => chart.no_score.to_owned(),
    }
}

/// The chart as a standalone SVG document.
pub fn svg(chart: &Chart) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail; the results of `write!` are ignored in the parts.
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT_FAMILY}, sans-serif" role="img" aria-label="{title}">"#,
        title = xml_escape(chart.title)
    );
    let _ = writeln!(out, "<title>{}</title>", xml_escape(chart.title));
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>"##
    );
    draw_frame(&mut out, chart);
    draw_scores(&mut out, chart);
    draw_labels(&mut out, chart);
    draw_legend(&mut out, chart);
    out.push_str("</svg>\n");
    out
}

/// The rings (one per level), the axes and the level numbers along the first axis.
fn draw_frame(out: &mut String, chart: &Chart) {
    let count = chart.axes.len();
    let levels = chart.max.max(0.0).round() as usize;
    let _ = writeln!(
        out,
        r#"<g id="rings" fill="none" stroke="{GRID_LINE}" stroke-width="1">"#
    );
    for level in 1..=levels {
        let ring: Vec<Option<f64>> = vec![Some(level as f64); count];
        let _ = writeln!(
            out,
            r#"<polygon points="{}"/>"#,
            points(&radar::polygon(&ring, chart.max))
        );
    }
    let _ = writeln!(out, "</g>");
    let _ = writeln!(
        out,
        r#"<g id="axes" stroke="{AXIS_LINE}" stroke-width="1">"#
    );
    for index in 0..count {
        let (x, y) = to_svg(radar::axis(index, count));
        let _ = writeln!(
            out,
            r#"<line x1="{CENTER_X:.2}" y1="{CENTER_Y:.2}" x2="{x:.2}" y2="{y:.2}"/>"#
        );
    }
    let _ = writeln!(out, "</g>");
    let _ = writeln!(
        out,
        r##"<g id="levels" font-size="11" fill="#6b7280" text-anchor="start">"##
    );
    for level in 0..=levels {
        let (x, y) = to_svg((0.0, level as f64 / chart.max.max(1.0)));
        let _ = writeln!(
            out,
            r#"<text x="{:.2}" y="{:.2}">{level}</text>"#,
            x + 4.0,
            y + 12.0
        );
    }
    let _ = writeln!(out, "</g>");
}

/// The previous round's polygon (dashed), the current one and its vertices.
fn draw_scores(out: &mut String, chart: &Chart) {
    if let Some(previous) = &chart.previous {
        let _ = writeln!(
            out,
            r#"<polygon id="previous" points="{}" fill="none" stroke="{PREVIOUS}" stroke-width="2" stroke-dasharray="7 5"/>"#,
            points(&radar::polygon(previous, chart.max))
        );
    }
    let current = radar::polygon(&chart.current, chart.max);
    let _ = writeln!(
        out,
        r#"<polygon id="current" points="{}" fill="{CURRENT}" fill-opacity="0.22" stroke="{CURRENT}" stroke-width="2.5" stroke-linejoin="round"/>"#,
        points(&current)
    );
    let _ = writeln!(out, r#"<g id="vertices" fill="{CURRENT}">"#);
    for point in &current {
        let (x, y) = to_svg(*point);
        let _ = writeln!(out, r#"<circle cx="{x:.2}" cy="{y:.2}" r="3.5"/>"#);
    }
    let _ = writeln!(out, "</g>");
}

/// Each axis's label: the domain id, and its score below.
fn draw_labels(out: &mut String, chart: &Chart) {
    let count = chart.axes.len();
    let _ = writeln!(out, r#"<g id="labels" font-size="14" fill="{INK}">"#);
    for (index, name) in chart.axes.iter().enumerate() {
        let (ux, uy) = radar::axis(index, count);
        let (x, y) = to_svg((ux * 1.12, uy * 1.12));
        let anchor = if ux.abs() < 0.2 {
            "middle"
        } else if ux > 0.0 {
            "start"
        } else {
            "end"
        };
        // Above the top, below the bottom, centred on the side.
        let top = if uy > 0.6 {
            y - 22.0
        } else if uy < -0.6 {
            y + 6.0
        } else {
            y - 8.0
        };
        let score = score_label(chart.current.get(index).copied().flatten(), chart);
        let _ = writeln!(
            out,
            r#"<text x="{x:.2}" y="{:.2}" text-anchor="{anchor}"><tspan>{}</tspan><tspan x="{x:.2}" dy="17" fill="{CURRENT}">{}</tspan></text>"#,
            top + 12.0,
            xml_escape(&shorten(name, 18)),
            xml_escape(&score),
        );
    }
    let _ = writeln!(out, "</g>");
}

/// The legend, bottom left: this round, and the previous one when it is drawn.
fn draw_legend(out: &mut String, chart: &Chart) {
    let legend_y = HEIGHT - 40.0;
    let _ = writeln!(out, r#"<g id="legend" font-size="13" fill="{INK}">"#);
    let _ = writeln!(
        out,
        r#"<rect x="24" y="{:.2}" width="22" height="12" fill="{CURRENT}" fill-opacity="0.22" stroke="{CURRENT}" stroke-width="2"/>"#,
        legend_y - 10.0
    );
    let _ = writeln!(
        out,
        r#"<text x="54" y="{legend_y:.2}">{}</text>"#,
        xml_escape(&shorten(chart.current_label, 40))
    );
    if let (Some(_), Some(label)) = (&chart.previous, chart.previous_label) {
        let _ = writeln!(
            out,
            r#"<line x1="330" y1="{y:.2}" x2="352" y2="{y:.2}" stroke="{PREVIOUS}" stroke-width="2" stroke-dasharray="7 5"/>"#,
            y = legend_y - 4.0
        );
        let _ = writeln!(
            out,
            r#"<text x="360" y="{legend_y:.2}">{}</text>"#,
            xml_escape(&shorten(label, 32))
        );
    }
    let _ = writeln!(out, "</g>");
}

/// The options usvg parses the chart with: the embedded font and nothing from the system.
pub fn usvg_options() -> usvg::Options<'static> {
    let mut options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    let fonts = options.fontdb_mut();
    fonts.load_font_source(usvg::fontdb::Source::Binary(Arc::new(FONT)));
    fonts.set_sans_serif_family(FONT_FAMILY);
    options
}

/// Draws `svg` (the chart from [`svg`]) into a PNG at [`PNG_SCALE`].
pub fn png(svg: &str) -> Result<Vec<u8>> {
    let tree = usvg::Tree::from_str(svg, &usvg_options())
        .map_err(|error| Error::Report(ReportFault::RadarSvg(error.to_string())))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(PNG_SCALE)
        .ok_or(Error::Report(ReportFault::RadarNoSize))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or(Error::Report(ReportFault::RadarTooLarge))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(PNG_SCALE, PNG_SCALE),
        &mut pixmap.as_mut(),
    );
    // Fast rather than the default balanced compression: a chart of flat colours compresses
    // about as well, in a fifth of the time that was a tenth of a large report's.
    let (width, height) = (pixmap.width(), pixmap.height());
    let pixels = pixmap.take_demultiplied();
    let mut data = Vec::new();
    let mut encoder = png::Encoder::new(&mut data, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&pixels))
        .map_err(|error| Error::Report(ReportFault::RadarPng(error.to_string())))?;
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Chart<'static> {
        Chart {
            axes: ["ACC", "UPD", "NET", "ENC", "LOG", "REM"]
                .map(String::from)
                .to_vec(),
            current: vec![Some(2.3), Some(1.0), Some(4.0), None, Some(0.0), Some(3.5)],
            previous: Some(vec![Some(1.0); 6]),
            max: 4.0,
            title: "Radar <&> \"quoted\"",
            current_label: "This audit",
            previous_label: Some("2025-S2"),
            no_score: "n/a",
            lang: Lang::En,
        }
    }

    #[test]
    fn the_svg_parses_with_its_text_and_both_polygons() {
        let text = svg(&chart());
        let tree = usvg::Tree::from_str(&text, &usvg_options()).unwrap();
        assert_eq!(tree.size().width(), WIDTH as f32);
        assert!(text.contains(r#"<polygon id="previous""#));
        assert!(text.contains("Radar &lt;&amp;&gt; &quot;quoted&quot;"));
        // Every domain has a label, and the missing score says so.
        for id in ["ACC", "UPD", "NET", "ENC", "LOG", "REM", "n/a", "2.3"] {
            assert!(text.contains(&format!(">{id}<")), "{id}");
        }
    }

    #[test]
    fn the_png_has_the_svg_size_times_the_scale() {
        let bytes = png(&svg(&chart())).unwrap();
        let image = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        assert_eq!(image.width(), (WIDTH as f32 * PNG_SCALE) as u32);
        assert_eq!(image.height(), (HEIGHT as f32 * PNG_SCALE) as u32);
        // Not blank: the polygon's colour is somewhere.
        assert!(
            image
                .pixels()
                .iter()
                .any(|p| p.blue() > 150 && p.red() < 100)
        );
    }
}
