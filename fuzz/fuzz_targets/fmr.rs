//! FMT-FMR: `fmr::decode_lenient` returns a record or a typed error for any bytes, never
//! panics; an ISO 2005 / ANSI 2004 record it reads re-encodes and decodes to the same views,
//! and the conversion to the model never panics.
#![no_main]

use jha_interop::format::fmr::{self, RecordStandard};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = fmr::decode(data);
    let Ok(record) = fmr::decode_lenient(data) else { return };
    let _ = fmr::to_template(&record);
    if matches!(record.standard, RecordStandard::Iso19794_2_2005 | RecordStandard::Ansi378_2004) {
        // Views whose size or resolution differ cannot share one record header; skip them.
        let first = record.views.first().map(|v| (v.width, v.height, v.resolution_x, v.resolution_y));
        // Data-only block lengths can also tile as header-inclusive ones: that reading is
        // ambiguous by nature, so only header-inclusive records must round-trip exactly.
        let inclusive = record.views.iter().all(|v| v.block_length == fmr::BlockLength::IncludesHeader);
        if inclusive && record.views.iter().all(|v| Some((v.width, v.height, v.resolution_x, v.resolution_y)) == first) {
            let bytes = fmr::encode(&record).expect("a decoded record encodes");
            let again = fmr::decode(&bytes).expect("an encoded record decodes strictly");
            assert_eq!(again.views, record.views);
        }
    }
});
