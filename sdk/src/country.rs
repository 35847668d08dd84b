//! Country codes: ISO 3166-1 alpha-3 plus the extra codes of ICAO Doc 9303 Part 3 §5 (FMT-CC).
//!
//! The ISO list is checked against Debian's `iso-codes` data by a test whenever that package
//! is installed, so a stale table is caught.
//!
//! The tables sit below both the data model (`model::CountryCode` normalises with them) and
//! the format codecs (the MRZ parser checks codes with them) and depend on neither, so that
//! `model` does not depend on `format`. `format::country` re-exports this module.

/// Where a country code comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeSource {
    /// An ISO 3166-1 alpha-3 code.
    Iso3166,
    /// A code defined by ICAO Doc 9303 Part 3 §5 that ISO 3166-1 does not have.
    Icao {
        /// What the code stands for.
        meaning: &'static str,
        /// The part of Doc 9303 Part 3 §5 that defines it ("A" to "H").
        part: char,
        /// Deprecated codes are still accepted on input.
        deprecated: bool,
    },
}

/// Every ISO 3166-1 alpha-3 code in force, sorted.
pub const ISO_3166_1_ALPHA3: [&str; 249] = [
    "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF", "ATG", "AUS",
    "AUT", "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS", "BIH", "BLM", "BLR", "BLZ",
    "BMU", "BOL", "BRA", "BRB", "BRN", "BTN", "BVT", "BWA", "CAF", "CAN", "CCK", "CHE", "CHL", "CHN", "CIV",
    "CMR", "COD", "COG", "COK", "COL", "COM", "CPV", "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU",
    "DJI", "DMA", "DNK", "DOM", "DZA", "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK",
    "FRA", "FRO", "FSM", "GAB", "GBR", "GEO", "GGY", "GHA", "GIB", "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC",
    "GRD", "GRL", "GTM", "GUF", "GUM", "GUY", "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN", "IMN", "IND",
    "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN", "KAZ", "KEN", "KGZ", "KHM",
    "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY", "LCA", "LIE", "LKA", "LSO", "LTU", "LUX", "LVA",
    "MAC", "MAF", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX", "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG",
    "MNP", "MOZ", "MRT", "MSR", "MTQ", "MUS", "MWI", "MYS", "MYT", "NAM", "NCL", "NER", "NFK", "NGA", "NIC",
    "NIU", "NLD", "NOR", "NPL", "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL",
    "PRI", "PRK", "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN", "SGP",
    "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP", "SUR", "SVK", "SVN",
    "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL", "TKM", "TLS", "TON", "TTO",
    "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY", "USA", "UZB", "VAT", "VCT", "VEN", "VGB",
    "VIR", "VNM", "VUT", "WLF", "WSM", "YEM", "ZAF", "ZMB", "ZWE",
];

/// One ICAO Doc 9303 code that is not in ISO 3166-1.
#[derive(Debug, Clone, Copy)]
pub struct IcaoCode {
    /// The three-letter code as stored in the data model.
    pub code: &'static str,
    /// What the code stands for.
    pub meaning: &'static str,
    /// The part of Doc 9303 Part 3 §5 that defines it.
    pub part: char,
    /// Deprecated codes are accepted on input but should not be issued.
    pub deprecated: bool,
}

const fn icao(code: &'static str, meaning: &'static str, part: char) -> IcaoCode {
    IcaoCode { code, meaning, part, deprecated: false }
}

/// The ICAO Doc 9303 Part 3 §5 codes beyond ISO 3166-1 (8th edition, 2021).
pub const ICAO_EXTRA_CODES: &[IcaoCode] = &[
    icao("GBD", "British Overseas Territories Citizen", 'A'),
    icao("GBN", "British National (Overseas)", 'A'),
    icao("GBO", "British Overseas Citizen", 'A'),
    icao("GBP", "British Protected Person", 'A'),
    icao("GBS", "British Subject", 'A'),
    icao("RKS", "Kosovo", 'A'),
    icao("EUE", "European Union", 'B'),
    icao("UNO", "United Nations Organization or one of its officials", 'C'),
    icao("UNA", "Specialized agency of the United Nations or one of its officials", 'C'),
    icao("UNK", "Resident of Kosovo to whom a travel document has been issued by UNMIK", 'C'),
    icao("XBA", "African Development Bank", 'D'),
    icao("XIM", "African Export-Import Bank", 'D'),
    icao("XCC", "Caribbean Community or one of its emissaries", 'D'),
    icao("XCE", "Council of Europe", 'D'),
    icao("XCO", "Common Market for Eastern and Southern Africa", 'D'),
    icao("XEC", "Economic Community of West African States", 'D'),
    icao("XPO", "International Criminal Police Organization (INTERPOL)", 'D'),
    icao("XES", "Organization of Eastern Caribbean States", 'D'),
    icao("XMP", "Parliamentary Assembly of the Mediterranean", 'D'),
    icao("XOM", "Sovereign Military Order of Malta or one of its emissaries", 'D'),
    icao("XDC", "Southern African Development Community", 'D'),
    icao("XXA", "Stateless person (1954 Convention)", 'E'),
    icao("XXB", "Refugee (1951 Convention and 1967 Protocol)", 'E'),
    icao("XXC", "Refugee, other than defined under code XXB", 'E'),
    icao("XXX", "Person of unspecified nationality", 'E'),
    IcaoCode { code: "ANT", meaning: "Netherlands Antilles", part: 'F', deprecated: true },
    IcaoCode { code: "NTZ", meaning: "Neutral Zone", part: 'F', deprecated: true },
    icao("UTO", "Utopia (specimen documents only)", 'G'),
    icao("IAO", "ICAO (master lists only)", 'H'),
];

/// Looks a normalised three-letter code up in both tables.
pub fn source_of(code: &str) -> Option<CodeSource> {
    if ISO_3166_1_ALPHA3.binary_search(&code).is_ok() {
        return Some(CodeSource::Iso3166);
    }
    ICAO_EXTRA_CODES.iter().find(|c| c.code == code).map(|c| CodeSource::Icao {
        meaning: c.meaning,
        part: c.part,
        deprecated: c.deprecated,
    })
}

/// Normalises a code as written in documents to the three-letter form the data model stores:
/// upper case, trailing `<` fillers removed, and ICAO's one-letter `D` (Germany) mapped to
/// `DEU`. Returns the canonical static string, or `None` for an unknown code.
pub fn normalise(input: &str) -> Option<&'static str> {
    let trimmed = input.trim().trim_end_matches('<');
    if trimmed.is_empty() || trimmed.len() > 3 || !trimmed.is_ascii() {
        return None;
    }
    let upper = trimmed.to_ascii_uppercase();
    if upper == "D" {
        return Some("DEU");
    }
    if let Ok(i) = ISO_3166_1_ALPHA3.binary_search(&upper.as_str()) {
        return Some(ISO_3166_1_ALPHA3[i]);
    }
    ICAO_EXTRA_CODES.iter().find(|c| c.code == upper).map(|c| c.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_table_is_sorted_and_unique() {
        assert!(ISO_3166_1_ALPHA3.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn icao_codes_do_not_collide_with_iso() {
        for c in ICAO_EXTRA_CODES {
            assert!(ISO_3166_1_ALPHA3.binary_search(&c.code).is_err(), "{}", c.code);
        }
    }

    #[test]
    fn normalises_document_forms() {
        assert_eq!(normalise("D<<"), Some("DEU"));
        assert_eq!(normalise("d"), Some("DEU"));
        assert_eq!(normalise("fra"), Some("FRA"));
        assert_eq!(normalise("XXA"), Some("XXA"));
        assert_eq!(normalise("RKS"), Some("RKS"));
        assert_eq!(normalise("ZZZ"), None);
        assert_eq!(normalise(""), None);
        assert_eq!(normalise("FRAN"), None);
        assert_eq!(normalise("ÄÖÜ"), None);
    }

    /// FMT-CC: the embedded ISO table equals Debian's iso-codes list when it is installed.
    #[test]
    fn iso_table_matches_debian_iso_codes() {
        let path = std::env::var("JHA_ISO_CODES_JSON")
            .unwrap_or_else(|_| "/usr/share/iso-codes/json/iso_3166-1.json".to_string());
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(_) if std::env::var("JHA_REQUIRE_VECTORS").as_deref() != Ok("1") => {
                eprintln!("skipped FMT-CC cross-check: {path} not found (install iso-codes)");
                return;
            }
            Err(e) => panic!("JHA_REQUIRE_VECTORS=1 but {path} is unreadable: {e}"),
        };
        let json: serde_json::Value = serde_json::from_str(&text).expect("iso-codes JSON");
        let mut debian: Vec<String> = json["3166-1"]
            .as_array()
            .expect("3166-1 array")
            .iter()
            .map(|e| e["alpha_3"].as_str().expect("alpha_3").to_string())
            .collect();
        debian.sort();
        let ours: Vec<String> = ISO_3166_1_ALPHA3.iter().map(|s| s.to_string()).collect();
        assert_eq!(ours, debian, "embedded ISO 3166-1 table differs from {path}");
    }
}
