//! FMT-MRZ: `mrz::parse` returns a zone or a typed error for any text, never panics, and a
//! zone it accepts re-parses to the same result.
#![no_main]

use jha_interop::format::mrz;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(zone) = mrz::parse(&text) {
        let again = mrz::parse(&zone.text()).expect("a parsed zone re-parses");
        assert_eq!(again, zone);
    }
});
