//! The target file: how `certify --target FILE` reaches a server. `jha-interop serve` writes
//! one; a vendor writes their own.
//!
//! ```toml
//! # The server's base URL (the binding's routes start with /v1).
//! base_url = "http://127.0.0.1:8080"
//! # The token of the /v1/test/* routes, when the server offers test control.
//! test_control_token = "…"
//!
//! [[credentials]]
//! role = "DEU/border_authority"   # an authority: organisation/kind
//! token = "…"
//!
//! [[credentials]]
//! role = "EES/central-system"      # a source system's central service
//! token = "…"
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::role::Role;

/// A role and the bearer token that makes a request act as it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleToken {
    /// The role, as `Role`'s display form: `DEU/border_authority`, `EUROPOL/europol`,
    /// `EES/central-system`.
    pub role: String,
    /// The bearer token.
    pub token: String,
}

/// The target file.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetFile {
    /// The server's base URL, without `/v1`.
    pub base_url: String,
    /// The token of the `/v1/test/*` routes, when the server offers test control.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_control_token: Option<String>,
    /// A token per role.
    #[serde(default)]
    pub credentials: Vec<RoleToken>,
}

impl std::fmt::Debug for TargetFile {
    // Tokens are secrets: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TargetFile")
            .field("base_url", &self.base_url)
            .field("test_control", &self.test_control_token.is_some())
            .field("credentials", &self.credentials.len())
            .finish()
    }
}

/// Why a target file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TargetFileError {
    /// It cannot be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// It is not a valid target file.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl TargetFile {
    /// Reads and checks `path`.
    pub fn read(path: &Path) -> Result<TargetFile, TargetFileError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| TargetFileError::Io { path: path.to_path_buf(), source })?;
        let invalid = |message: String| TargetFileError::Invalid { path: path.to_path_buf(), message };
        let file: TargetFile = toml::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        if !(file.base_url.starts_with("http://") || file.base_url.starts_with("https://")) {
            return Err(invalid(format!("base_url {:?} is not an http:// or https:// URL", file.base_url)));
        }
        for entry in &file.credentials {
            Role::from_key(&entry.role).map_err(|e| invalid(format!("credentials: {e}")))?;
            if entry.token.trim().is_empty() {
                return Err(invalid(format!("credentials: the token of {} is empty", entry.role)));
            }
        }
        Ok(file)
    }

    /// Writes the file to `path`, readable by its owner only where the platform allows (it
    /// holds tokens).
    pub fn write(&self, path: &Path) -> Result<(), TargetFileError> {
        let io = |source| TargetFileError::Io { path: path.to_path_buf(), source };
        let text = toml::to_string(self)
            .map_err(|e| TargetFileError::Invalid { path: path.to_path_buf(), message: e.to_string() })?;
        let header = "# jha-interop target file: `jha-interop certify --target <this file>`.\n\
                      # It holds bearer tokens: keep it private.\n";
        std::fs::write(path, format!("{header}{text}")).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
        }
        Ok(())
    }

    /// The token of `role`, if the file has one.
    pub fn token_of(&self, role: &Role) -> Option<&str> {
        let key = role.to_string();
        self.credentials.iter().find(|c| c.role == key).map(|c| c.token.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_reads_back_and_bad_files_say_why() {
        let dir = std::env::temp_dir().join(format!("jha-target-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("target.toml");
        let file = TargetFile {
            base_url: "http://127.0.0.1:1".into(),
            test_control_token: Some("t".into()),
            credentials: vec![RoleToken { role: "DEU/border_authority".into(), token: "secret".into() }],
        };
        file.write(&path).unwrap();
        let back = TargetFile::read(&path).unwrap();
        assert_eq!(back, file);
        let role = Role::from_key("DEU/border_authority").unwrap();
        assert_eq!(back.token_of(&role), Some("secret"));
        assert!(!format!("{back:?}").contains("secret"));

        std::fs::write(&path, "base_url = \"ftp://x\"\n").unwrap();
        assert!(TargetFile::read(&path).unwrap_err().to_string().contains("ftp://x"));
        std::fs::write(
            &path,
            "base_url = \"http://x\"\n[[credentials]]\nrole = \"the mayor\"\ntoken = \"a\"\n",
        )
        .unwrap();
        assert!(TargetFile::read(&path).unwrap_err().to_string().contains("the mayor"));
        std::fs::write(&path, "base_url = \"http://x\"\nsurprise = 1\n").unwrap();
        assert!(TargetFile::read(&path).unwrap_err().to_string().contains("surprise"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
