//! ANSI/NIST-ITL 1-2011 (Update 2013/2015) traditional encoding: the "NIST file" Member States
//! exchange biometric data in (FMT-NIST).
//!
//! [`read`] turns a file into a [`Transaction`] that keeps every byte: tags as written (two- or
//! three-digit field numbers), field order, IDC forms (`0`, `00`), and binary data, which is
//! never scanned for separators. [`write`](fn@write) writes it back byte for byte; [`canonicalise`] gives
//! the form a writer should emit. Typed views read Types 1, 2, 4 (and the other binary
//! records), 9 (legacy minutiae and the INCITS 378 block), 10, 13, 14, 15 and 17; see
//! [`types`]. [`TransactionBuilder`] writes a transaction with Types 1, 2, 9, 10 and 14.
//!
//! ```
//! use jha_interop::format::ansi_nist::{self, TransactionBuilder, TransactionInfo};
//!
//! let info = TransactionInfo::new("CPS", "20240102", "DE/BKA", "NL/NAFIS", "TCN0001");
//! let transaction = TransactionBuilder::new(info).descriptive_text(&[(3, "case 42")]).build()?;
//! let bytes = ansi_nist::write(&transaction)?;
//! let back = ansi_nist::read(&bytes)?;
//! // The writer fills in the record lengths; reading and writing again is lossless.
//! assert_eq!(ansi_nist::write(&back)?, bytes);
//! assert_eq!(TransactionInfo::from_transaction(&back)?.transaction_type, "CPS");
//! # Ok::<(), jha_interop::format::ansi_nist::AnsiNistError>(())
//! ```

mod builder;
mod error;
mod reader;
mod record;
pub mod types;
mod writer;

#[cfg(test)]
mod nistitl_tests;
#[cfg(test)]
mod oracle_tests;

pub use builder::{ImageInput, TransactionBuilder};
pub use error::{AnsiNistError, ErrorKind, Location};
pub use reader::read;
pub use record::{
    BinaryRecord, DATA_FIELD, FS, Field, GS, RS, Record, TaggedRecord, Transaction, US, decode_text,
    is_binary_type,
};
pub use types::{
    BinaryImage, Compression, DescriptiveText, FingerMinutiae, ImageGeometry, ImageRecord, IncitsMinutia,
    IncitsMinutiae, LegacyMinutia, LegacyMinutiae, MinutiaeRecord, TransactionInfo,
};
pub use writer::{canonicalise, write};
