//! FMT-NIST: `ansi_nist::read` returns a transaction or a typed error for any bytes, never
//! panics; what it reads writes back byte for byte, its canonical form re-reads, and the typed
//! views and minutiae conversions never panic.
#![no_main]

use jha_interop::format::ansi_nist::{self, BinaryImage, ImageRecord, MinutiaeRecord, Record, TransactionInfo};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(transaction) = ansi_nist::read(data) else { return };
    assert_eq!(ansi_nist::write(&transaction).expect("a read transaction writes"), data);
    let canonical = ansi_nist::write(&ansi_nist::canonicalise(&transaction)).expect("canonical form writes");
    ansi_nist::read(&canonical).expect("canonical form re-reads");
    let _ = TransactionInfo::from_transaction(&transaction);
    for record in &transaction.records {
        match record {
            Record::Binary(r) => {
                let _ = BinaryImage::from_record(r);
            }
            Record::Tagged(r) => {
                let _ = ImageRecord::from_record(r);
                if let Ok(minutiae) = MinutiaeRecord::from_record(r) {
                    let _ = minutiae.to_templates(None, 19.69);
                }
            }
        }
    }
});
