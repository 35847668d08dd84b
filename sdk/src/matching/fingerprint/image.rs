//! Decoding fingerprint images (PNG, TIFF, raw 8-bit grey) into grey pixels at 500 ppi.

use std::io::Cursor;

use super::FingerprintError;
use crate::model::{FingerprintImage, ImageEncoding};

/// The resolution the extractor and the matcher work at.
pub const WORKING_PPI: u16 = 500;

/// The largest decoded image side accepted, in pixels, before and after rescaling.
const MAX_SIDE: usize = 4096;

/// Rescaling is skipped when the resolution is within this ratio of [`WORKING_PPI`]: MINDTCT and
/// the matcher tolerate a 2 % scale error far better than an interpolation blur.
const RESCALE_TOLERANCE: f64 = 0.02;

/// A decoded 8-bit grey image, row-major, 0 = black.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GreyImage {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

fn geometry(reason: impl Into<String>) -> FingerprintError {
    FingerprintError::ImageGeometry { reason: reason.into() }
}

fn undecodable(encoding: ImageEncoding, reason: impl ToString) -> FingerprintError {
    FingerprintError::UndecodableImage { encoding, reason: reason.to_string() }
}

/// Decodes `image` and rescales it to [`WORKING_PPI`].
pub(crate) fn decode_at_working_resolution(image: &FingerprintImage) -> Result<GreyImage, FingerprintError> {
    if !(250..=2000).contains(&image.resolution_ppi) {
        return Err(geometry(format!("resolution {} ppi is outside 250–2000", image.resolution_ppi)));
    }
    let decoded = decode(image)?;
    for (declared, actual, what) in
        [(image.width, decoded.width, "width"), (image.height, decoded.height, "height")]
    {
        if let Some(declared) = declared
            && usize::from(declared) != actual
        {
            return Err(geometry(format!("declared {what} {declared} but the image has {actual}")));
        }
    }
    Ok(rescale(&decoded, f64::from(WORKING_PPI) / f64::from(image.resolution_ppi)))
}

fn check_side(width: usize, height: usize) -> Result<(), FingerprintError> {
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(geometry(format!("{width}x{height} is outside 1–{MAX_SIDE} pixels per side")));
    }
    Ok(())
}

fn decode(image: &FingerprintImage) -> Result<GreyImage, FingerprintError> {
    let bytes = image.data.as_slice();
    match image.encoding {
        ImageEncoding::RawGray8 => {
            let (Some(width), Some(height)) = (image.width, image.height) else {
                return Err(geometry("a raw image needs its width and height"));
            };
            let (width, height) = (usize::from(width), usize::from(height));
            check_side(width, height)?;
            if bytes.len() != width * height {
                return Err(geometry(format!(
                    "a raw {width}x{height} image needs {} bytes; got {}",
                    width * height,
                    bytes.len()
                )));
            }
            Ok(GreyImage { width, height, pixels: bytes.to_vec() })
        }
        ImageEncoding::Png => decode_png(bytes),
        ImageEncoding::Tiff => decode_tiff(bytes),
    }
}

fn decode_png(bytes: &[u8]) -> Result<GreyImage, FingerprintError> {
    let fail = |e: png::DecodingError| undecodable(ImageEncoding::Png, e);
    let limits = png::Limits { bytes: MAX_SIDE * MAX_SIDE * 8 };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(fail)?;
    let (width, height) = {
        let info = reader.info();
        (info.width as usize, info.height as usize)
    };
    check_side(width, height)?;
    let size = reader.output_buffer_size().ok_or_else(|| geometry("PNG image too large"))?;
    let mut buffer = vec![0; size];
    let frame = reader.next_frame(&mut buffer).map_err(fail)?;
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err(undecodable(ImageEncoding::Png, "palette not expanded")),
    };
    let mut pixels = Vec::with_capacity(width * height);
    for row in buffer.chunks_exact(frame.line_size).take(height) {
        for pixel in row.chunks_exact(channels).take(width) {
            pixels.push(luminance(pixel));
        }
    }
    if pixels.len() != width * height {
        return Err(undecodable(ImageEncoding::Png, "truncated pixel data"));
    }
    Ok(GreyImage { width, height, pixels })
}

/// Grey level of a grey, grey+alpha, RGB or RGBA pixel (alpha ignored; Rec. 601 weights).
fn luminance(pixel: &[u8]) -> u8 {
    match pixel {
        [r, g, b, ..] => {
            ((299 * u32::from(*r) + 587 * u32::from(*g) + 114 * u32::from(*b) + 500) / 1000) as u8
        }
        [grey, ..] => *grey,
        [] => 0,
    }
}

fn decode_tiff(bytes: &[u8]) -> Result<GreyImage, FingerprintError> {
    let fail = |e: tiff::TiffError| undecodable(ImageEncoding::Tiff, e);
    let mut decoder = tiff::decoder::Decoder::new(Cursor::new(bytes)).map_err(fail)?;
    let (width, height) = decoder.dimensions().map_err(fail)?;
    let (width, height) = (width as usize, height as usize);
    check_side(width, height)?;
    let colour = decoder.colortype().map_err(fail)?;
    let channels = match colour {
        tiff::ColorType::Gray(8) => 1,
        tiff::ColorType::GrayA(8) => 2,
        tiff::ColorType::RGB(8) => 3,
        tiff::ColorType::RGBA(8) => 4,
        other => return Err(undecodable(ImageEncoding::Tiff, format!("unsupported colour type {other:?}"))),
    };
    let tiff::decoder::DecodingResult::U8(buffer) = decoder.read_image().map_err(fail)? else {
        return Err(undecodable(ImageEncoding::Tiff, "not 8 bits per sample"));
    };
    if buffer.len() < width * height * channels {
        return Err(undecodable(ImageEncoding::Tiff, "truncated pixel data"));
    }
    let pixels = buffer.chunks_exact(channels).take(width * height).map(luminance).collect();
    Ok(GreyImage { width, height, pixels })
}

/// Resamples by `factor` (output size = input size × factor) with a separable triangle filter
/// whose support widens when shrinking, so that downscaling averages instead of aliasing ridges.
pub(crate) fn rescale(image: &GreyImage, factor: f64) -> GreyImage {
    if (factor - 1.0).abs() <= RESCALE_TOLERANCE {
        return image.clone();
    }
    let width = ((image.width as f64 * factor).round() as usize).clamp(1, MAX_SIDE);
    let height = ((image.height as f64 * factor).round() as usize).clamp(1, MAX_SIDE);
    let horizontal = resample_rows(&image.pixels, image.width, image.height, width, factor);
    let transposed = transpose(&horizontal, width, image.height);
    let vertical = resample_rows(&transposed, image.height, width, height, factor);
    let pixels =
        transpose(&vertical, height, width).into_iter().map(|v| v.round().clamp(0.0, 255.0) as u8).collect();
    GreyImage { width, height, pixels }
}

fn resample_rows<T: Copy + Into<f64>>(
    data: &[T],
    in_width: usize,
    rows: usize,
    out_width: usize,
    factor: f64,
) -> Vec<f64> {
    let support = if factor < 1.0 { 1.0 / factor } else { 1.0 };
    let mut out = vec![0.0; out_width * rows];
    let taps: Vec<(usize, Vec<f64>)> = (0..out_width)
        .map(|x| {
            let centre = (x as f64 + 0.5) / factor - 0.5;
            let first = (centre - support).ceil().max(0.0) as usize;
            let last = ((centre + support).floor() as usize).min(in_width - 1);
            let weights: Vec<f64> =
                (first..=last).map(|i| (1.0 - (i as f64 - centre).abs() / support).max(0.0)).collect();
            let total: f64 = weights.iter().sum();
            let weights = if total > 0.0 { weights.iter().map(|w| w / total).collect() } else { vec![1.0] };
            (first, weights)
        })
        .collect();
    for row in 0..rows {
        let source = &data[row * in_width..(row + 1) * in_width];
        for (x, (first, weights)) in taps.iter().enumerate() {
            out[row * out_width + x] = weights
                .iter()
                .enumerate()
                .map(|(k, w)| w * source[(first + k).min(in_width - 1)].into())
                .sum();
        }
    }
    out
}

fn transpose(data: &[f64], width: usize, height: usize) -> Vec<f64> {
    let mut out = vec![0.0; data.len()];
    for y in 0..height {
        for x in 0..width {
            out[x * height + y] = data[y * width + x];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Base64Bytes;

    fn raw(width: u16, height: u16, ppi: u16, pixels: Vec<u8>) -> FingerprintImage {
        FingerprintImage {
            encoding: ImageEncoding::RawGray8,
            width: Some(width),
            height: Some(height),
            resolution_ppi: ppi,
            data: Base64Bytes::from(pixels),
        }
    }

    #[test]
    fn raw_images_need_matching_sizes() {
        assert!(matches!(
            decode_at_working_resolution(&raw(10, 10, 500, vec![0; 99])),
            Err(FingerprintError::ImageGeometry { .. })
        ));
        let ok = decode_at_working_resolution(&raw(10, 10, 500, vec![7; 100])).unwrap();
        assert_eq!((ok.width, ok.height), (10, 10));
    }

    #[test]
    fn rescaling_changes_size_and_keeps_flat_grey() {
        let image = decode_at_working_resolution(&raw(100, 50, 1000, vec![90; 5000])).unwrap();
        assert_eq!((image.width, image.height), (50, 25));
        assert!(image.pixels.iter().all(|&p| p == 90));
    }

    #[test]
    fn garbage_is_an_undecodable_image() {
        for encoding in [ImageEncoding::Png, ImageEncoding::Tiff] {
            let image = FingerprintImage {
                encoding,
                width: None,
                height: None,
                resolution_ppi: 500,
                data: Base64Bytes::from(b"not an image".to_vec()),
            };
            assert!(matches!(
                decode_at_working_resolution(&image),
                Err(FingerprintError::UndecodableImage { .. })
            ));
        }
    }
}
