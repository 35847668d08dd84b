//! A big-endian byte reader that reports offsets and never panics.

use super::FmrError;

pub(super) struct Cursor<'a> {
    data: &'a [u8],
    pub(super) offset: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(data: &'a [u8], offset: usize) -> Self {
        Cursor { data, offset }
    }

    pub(super) fn bytes(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], FmrError> {
        let end = self.offset.checked_add(n).filter(|&e| e <= self.data.len());
        match end.and_then(|e| self.data.get(self.offset..e)) {
            Some(slice) => {
                self.offset += n;
                Ok(slice)
            }
            None => Err(FmrError::Truncated { offset: self.offset, what }),
        }
    }

    pub(super) fn u8(&mut self, what: &'static str) -> Result<u8, FmrError> {
        Ok(self.bytes(1, what)?.first().copied().unwrap_or(0))
    }

    pub(super) fn u16(&mut self, what: &'static str) -> Result<u16, FmrError> {
        let b = self.bytes(2, what)?;
        Ok(u16::from_be_bytes([b.first().copied().unwrap_or(0), b.get(1).copied().unwrap_or(0)]))
    }

    pub(super) fn u32(&mut self, what: &'static str) -> Result<u32, FmrError> {
        let b: [u8; 4] =
            self.bytes(4, what)?.try_into().map_err(|_| FmrError::Truncated { offset: self.offset, what })?;
        Ok(u32::from_be_bytes(b))
    }
}
