//! The instruction sets the face scan's kernels are compiled for, detected at run time, and the
//! choice of one path per kernel ([`Kernels`]). Every path of a kernel gives the same scores bit
//! for bit (the f32 and f16 paths accumulate the same sixteen lanes in the same order, the i8
//! paths compute exact integers), so the choice changes the speed, never a result; tests run
//! each path this CPU has, the fallbacks included.

/// An instruction set a kernel may have a path for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Isa {
    /// AVX-512 F/BW with VNNI (`vpdpbusd` on 64 bytes).
    Avx512Vnni,
    /// AVX-512 F/BW (16 floats per register, `vcvtph2ps` on 16 halves).
    Avx512,
    /// AVX2 with AVX-VNNI (`vpdpbusd` on 32 bytes, without AVX-512).
    AvxVnni,
    /// AVX2 with FMA and F16C.
    Avx2,
    /// Plain Rust, any CPU.
    Portable,
}

impl Isa {
    /// Whether this CPU can run the path.
    pub fn detected(self) -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            let avx2 = has!("avx2") && has!("fma") && has!("f16c");
            let avx512 = avx2 && has!("avx512f") && has!("avx512bw");
            match self {
                Isa::Avx512Vnni => avx512 && has!("avx512vnni"),
                Isa::Avx512 => avx512,
                Isa::AvxVnni => avx2 && has!("avxvnni"),
                Isa::Avx2 => avx2,
                Isa::Portable => true,
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            self == Isa::Portable
        }
    }

    /// Its name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Isa::Avx512Vnni => "AVX-512 VNNI",
            Isa::Avx512 => "AVX-512",
            Isa::AvxVnni => "AVX-VNNI",
            Isa::Avx2 => "AVX2",
            Isa::Portable => "portable",
        }
    }

    /// The first of `paths` (best first, ending with [`Isa::Portable`]) this CPU can run.
    fn first_detected(paths: &[Isa]) -> Isa {
        paths.iter().copied().find(|isa| isa.detected()).unwrap_or(Isa::Portable)
    }
}

/// The path each kernel of one scan takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Kernels {
    /// f32 rows.
    pub f32: Isa,
    /// binary16 rows.
    pub f16: Isa,
    /// i8 rows.
    pub i8: Isa,
}

impl Kernels {
    /// The f32 kernel's paths, best first.
    pub const F32_PATHS: [Isa; 3] = [Isa::Avx512, Isa::Avx2, Isa::Portable];
    /// The f16 kernel's paths, best first.
    pub const F16_PATHS: [Isa; 3] = [Isa::Avx512, Isa::Avx2, Isa::Portable];
    /// The i8 kernel's paths, best first.
    pub const I8_PATHS: [Isa; 4] = [Isa::Avx512Vnni, Isa::AvxVnni, Isa::Avx2, Isa::Portable];

    /// The best path of each kernel on this CPU.
    pub fn detect() -> Self {
        Kernels {
            f32: Isa::first_detected(&Self::F32_PATHS),
            f16: Isa::first_detected(&Self::F16_PATHS),
            i8: Isa::first_detected(&Self::I8_PATHS),
        }
    }
}

impl std::fmt::Display for Kernels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "f32 {}, f16 {}, i8 {}", self.f32.name(), self.f16.name(), self.i8.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kernel_ends_with_the_portable_path_and_detection_picks_a_listed_one() {
        let kernels = Kernels::detect();
        for (paths, chosen) in [
            (&Kernels::F32_PATHS[..], kernels.f32),
            (&Kernels::F16_PATHS[..], kernels.f16),
            (&Kernels::I8_PATHS[..], kernels.i8),
        ] {
            assert_eq!(paths.last(), Some(&Isa::Portable));
            assert!(paths.contains(&chosen) && chosen.detected());
            // Nothing better than the chosen path is available.
            assert!(paths.iter().take_while(|&&p| p != chosen).all(|p| !p.detected()));
        }
    }
}
