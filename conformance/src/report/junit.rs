//! JUnit XML for CI dashboards: one test suite per feature file, one test case per scenario;
//! omitted scenarios are `<skipped>` with their reason, and each case names its requirements.

use std::collections::BTreeMap;

use super::model::{ConformanceReport, ScenarioResult, ScenarioStatus};

/// Escapes text for XML attributes and content.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The report as JUnit XML.
pub fn render(report: &ConformanceReport) -> String {
    let mut by_feature: BTreeMap<&str, Vec<&ScenarioResult>> = BTreeMap::new();
    for s in &report.scenarios {
        by_feature.entry(&s.feature).or_default().push(s);
    }
    let total = report.scenarios.len();
    let failures = report.summary.scenarios_failed;
    let skipped = report.summary.scenarios_omitted;
    let errors = report.scenarios.iter().filter(|s| s.status == ScenarioStatus::HarnessError).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"jha-interop conformance\" tests=\"{total}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" time=\"{:.3}\">\n",
        report.run.duration_ms as f64 / 1000.0
    ));
    for (feature, scenarios) in by_feature {
        let failed = scenarios.iter().filter(|s| s.status == ScenarioStatus::Failed).count();
        let omitted = scenarios.iter().filter(|s| s.status == ScenarioStatus::Omitted).count();
        let time: u64 = scenarios.iter().map(|s| s.duration_ms).sum();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" skipped=\"{omitted}\" time=\"{:.3}\">\n",
            xml(feature),
            scenarios.len(),
            time as f64 / 1000.0
        ));
        for s in scenarios {
            let name = format!("{} [{}] (line {})", s.name, s.requirements.join(", "), s.line);
            out.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\">\n",
                xml(feature),
                xml(&name),
                s.duration_ms as f64 / 1000.0
            ));
            match s.status {
                ScenarioStatus::Passed => {}
                ScenarioStatus::Failed => {
                    let f = s.failure.as_ref();
                    let message = f.map_or("failed", |f| f.message.as_str());
                    let step = f.map_or(String::new(), |f| format!("{} (line {})", f.step, f.line));
                    out.push_str(&format!(
                        "      <failure message=\"{}\" type=\"requirement\">{}\n{}</failure>\n",
                        xml(message),
                        xml(&step),
                        xml(message)
                    ));
                }
                ScenarioStatus::HarnessError => {
                    let message = s.failure.as_ref().map_or("harness error", |f| f.message.as_str());
                    out.push_str(&format!(
                        "      <error message=\"{}\" type=\"harness\">{}</error>\n",
                        xml(message),
                        xml(message)
                    ));
                }
                ScenarioStatus::Omitted => out.push_str(&format!(
                    "      <skipped message=\"{}\"/>\n",
                    xml(s.omitted_because.as_deref().unwrap_or("omitted"))
                )),
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;\u{FFFD}");
    }
}
