//! BMS-01: `matching::fingerprint::extract` returns minutiae or a typed error for any image
//! bytes a caller can send (PNG, TIFF or raw grey with any declared size and resolution), never
//! panics, and what it returns is a valid template.
//!
//! Input layout: byte 0 picks the encoding (and whether a size is declared), bytes 1–6 give the
//! declared width, height and resolution, the rest is the image.
#![no_main]

use jha_interop::matching::fingerprint::extract;
use jha_interop::model::{FingerprintImage, ImageEncoding, MinutiaeTemplate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((header, body)) = data.split_first_chunk::<7>() else { return };
    let encoding = match header[0] % 3 {
        0 => ImageEncoding::Png,
        1 => ImageEncoding::Tiff,
        _ => ImageEncoding::RawGray8,
    };
    let declared = header[0] & 0x80 != 0 || encoding == ImageEncoding::RawGray8;
    let side = |hi: u8, lo: u8| u16::from_be_bytes([hi, lo]);
    let image = FingerprintImage {
        encoding,
        width: declared.then(|| side(header[1], header[2])),
        height: declared.then(|| side(header[3], header[4])),
        resolution_ppi: side(header[5], header[6]),
        data: body.to_vec().into(),
    };
    if let Ok(extraction) = extract(&image) {
        let t = &extraction.template;
        let rebuilt = MinutiaeTemplate::new(t.width(), t.height(), t.resolution_ppi(), t.minutiae().to_vec());
        assert!(rebuilt.is_ok(), "extract returned an invalid template: {rebuilt:?}");
        assert!(extraction.quality <= 100);
    }
});
