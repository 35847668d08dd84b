//! A token stream of Rust source that is just precise enough to find module paths: comments,
//! string and character literals are dropped (a path in a doc link or a string is no
//! dependency), `::` is one token, and every token keeps its line.

/// One token of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// An identifier or keyword (`crate`, `super`, `mod`, `use`, names); `$crate` is `crate`.
    Ident(String),
    /// The path separator `::`.
    PathSep,
    /// Any other single punctuation character.
    Punct(char),
    /// A plain string literal `"…"`, its text as written between the quotes (kept for
    /// `#[path = "…"]`).
    Str(String),
    /// Any other literal (number, raw or byte string, character) whose content does not matter.
    Literal,
}

/// A token and the 1-based line it starts on.
#[derive(Debug, Clone)]
pub struct Spanned {
    /// The token.
    pub token: Token,
    /// The line it starts on.
    pub line: usize,
}

/// Splits `source` into tokens; the lexer never fails (an unterminated literal ends the file).
pub fn tokenize(source: &str) -> Vec<Spanned> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i = skip_block_comment(&chars, i, &mut line);
        } else if c == '"' {
            let end = skip_string(&chars, i + 1, &mut line);
            let text = chars[i + 1..end.saturating_sub(1).max(i + 1)].iter().collect();
            tokens.push(Spanned { token: Token::Str(text), line: start_line });
            i = end;
        } else if let Some(end) = raw_or_byte_string(&chars, i, &mut line) {
            i = end;
            tokens.push(Spanned { token: Token::Literal, line: start_line });
        } else if c == '\'' {
            i = skip_char_or_lifetime(&chars, i, &mut tokens, start_line);
        } else if c == 'r'
            && chars.get(i + 1) == Some(&'#')
            && chars.get(i + 2).is_some_and(|c| is_ident_start(*c))
        {
            let (word, end) = read_word(&chars, i + 2);
            tokens.push(Spanned { token: Token::Ident(word), line });
            i = end;
        } else if is_ident_start(c) {
            let (word, end) = read_word(&chars, i);
            tokens.push(Spanned { token: Token::Ident(word), line });
            i = end;
        } else if c == '$' && chars.get(i + 1).is_some_and(|c| is_ident_start(*c)) {
            // `$crate` in a macro is the crate root; other `$name`s are macro variables.
            let (word, end) = read_word(&chars, i + 1);
            let token = if word == "crate" { Token::Ident(word) } else { Token::Punct('$') };
            tokens.push(Spanned { token, line });
            i = end;
        } else if c.is_ascii_digit() {
            let (_, end) = read_word(&chars, i);
            tokens.push(Spanned { token: Token::Literal, line });
            i = end;
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push(Spanned { token: Token::PathSep, line });
            i += 2;
        } else {
            tokens.push(Spanned { token: Token::Punct(c), line });
            i += 1;
        }
    }
    tokens
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn read_word(chars: &[char], start: usize) -> (String, usize) {
    let mut end = start;
    while end < chars.len() && (chars[end] == '_' || chars[end].is_alphanumeric()) {
        end += 1;
    }
    (chars[start..end].iter().collect(), end)
}

/// Skips a (nested) block comment starting at `start`; returns the index after it.
fn skip_block_comment(chars: &[char], start: usize, line: &mut usize) -> usize {
    let mut depth = 0;
    let mut i = start;
    while i < chars.len() {
        if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            if chars[i] == '\n' {
                *line += 1;
            }
            i += 1;
        }
    }
    i
}

/// Skips the body of a `"…"` string whose opening quote is before `start`.
fn skip_string(chars: &[char], start: usize, line: &mut usize) -> usize {
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            '\n' => {
                *line += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    i
}

/// A raw string (`r"…"`, `r#"…"#`), byte string (`b"…"`, `br"…"`), C string or byte
/// character starting at `start`: the index after it, or `None` when there is none.
fn raw_or_byte_string(chars: &[char], start: usize, line: &mut usize) -> Option<usize> {
    let mut i = start;
    if matches!(chars[i], 'b' | 'c') {
        i += 1;
        if chars[start] == 'b' && chars.get(i) == Some(&'\'') {
            let end = skip_quoted_char(chars, i)?;
            return Some(end);
        }
        if chars.get(i) == Some(&'"') {
            return Some(skip_string(chars, i + 1, line));
        }
    }
    if chars.get(i) != Some(&'r') {
        return None;
    }
    i += 1;
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    if chars.get(i) != Some(&'"') {
        return None;
    }
    i += 1;
    while i < chars.len() {
        if chars[i] == '\n' {
            *line += 1;
        }
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    Some(i)
}

/// A character literal `'x'` / `'\n'` starting at the quote `start`: the index after it.
fn skip_quoted_char(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    if chars.get(i) == Some(&'\\') {
        i += 2;
        while i < chars.len() && chars[i] != '\'' {
            i += 1;
        }
        return Some(i + 1);
    }
    (chars.get(i + 1) == Some(&'\'')).then_some(i + 2)
}

/// A character literal or a lifetime at the quote `start`; a lifetime is kept as its name.
fn skip_char_or_lifetime(chars: &[char], start: usize, tokens: &mut Vec<Spanned>, line: usize) -> usize {
    if let Some(end) = skip_quoted_char(chars, start) {
        tokens.push(Spanned { token: Token::Literal, line });
        return end;
    }
    tokens.push(Spanned { token: Token::Punct('\''), line });
    start + 1
}
