//! Reading the tab-separated data files (gazetteer, lexicons) with file-and-line errors.
//!
//! Every data file is TSV with a header row; `#` starts a comment line. A user extending the
//! gazetteer must learn exactly which row is wrong, so every error names the file and line.

use std::fmt;
use std::rc::Rc;

/// A problem in a data file, located by file name and 1-based line number (0: the whole
/// file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: String,
    pub line: u64,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // line 0: the file as a whole (cannot be read, misnamed)
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            line => write!(f, "{}:{line}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for DataError {}

/// One data row with its location.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub file: &'a str,
    pub line: u64,
    fields: Vec<String>,
    headers: Rc<[String]>,
}

impl Row<'_> {
    /// An error about this row.
    pub fn error(&self, message: impl Into<String>) -> DataError {
        DataError {
            file: self.file.to_string(),
            line: self.line,
            message: message.into(),
        }
    }

    /// Field `index`, trimmed; an error naming the column if the row is too short.
    pub fn field(&self, index: usize) -> Result<&str, DataError> {
        match self.fields.get(index) {
            Some(v) => Ok(v.trim()),
            None => Err(self.error(format!(
                "missing column {} ({}); the row has {} columns, separated by tabs",
                index + 1,
                self.headers.get(index).map(String::as_str).unwrap_or("?"),
                self.fields.len()
            ))),
        }
    }

    /// Field `index` or "" when the row stops early (trailing empty columns may be omitted).
    pub fn optional(&self, index: usize) -> &str {
        self.fields.get(index).map(|v| v.trim()).unwrap_or("")
    }

    /// A `|`-separated list field, empty items dropped.
    pub fn list(&self, index: usize) -> Vec<String> {
        self.optional(index)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// Rows of a TSV data file, header first.
pub struct TsvRows<'a> {
    file: &'a str,
    headers: Rc<[String]>,
    records: Vec<(u64, Vec<String>)>,
    next: usize,
    header_error: Option<DataError>,
}

impl<'a> TsvRows<'a> {
    /// Parses `content` (named `file` in errors). The first non-comment line is the header.
    pub fn new(file: &'a str, content: &str) -> TsvRows<'a> {
        let mut headers = Vec::new();
        let mut records = Vec::new();
        let mut header_error = None;
        for (index, line) in content.lines().enumerate() {
            let line_no = index as u64 + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fields: Vec<String> = line.split('\t').map(str::to_string).collect();
            if headers.is_empty() {
                headers = fields;
                if headers.iter().all(|h| h.trim().is_empty()) && header_error.is_none() {
                    header_error = Some(DataError {
                        file: file.to_string(),
                        line: line_no,
                        message: "the header row must name the tab-separated columns".into(),
                    });
                }
            } else {
                records.push((line_no, fields));
            }
        }
        TsvRows {
            file,
            headers: headers.into(),
            records,
            next: 0,
            header_error,
        }
    }

    /// The header row's column names.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }
}

impl<'a> Iterator for TsvRows<'a> {
    type Item = Result<Row<'a>, DataError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(error) = self.header_error.take() {
            self.next = self.records.len();
            return Some(Err(error));
        }
        let (line, fields) = self.records.get(self.next)?.clone();
        self.next += 1;
        Some(Ok(Row {
            file: self.file,
            line,
            fields,
            headers: Rc::clone(&self.headers),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_know_their_lines_and_comments_are_skipped() {
        let content = "# comment\nid\tname\n\nx\tfirst\n# another\ny\n";
        let rows: Vec<_> = TsvRows::new("f.tsv", content).collect();
        assert_eq!(rows.len(), 2);
        let first = rows[0].as_ref().unwrap();
        assert_eq!((first.line, first.field(1).unwrap()), (4, "first"));
        let second = rows[1].as_ref().unwrap();
        let error = second.field(1).unwrap_err();
        assert_eq!(error.line, 6);
        assert!(error
            .to_string()
            .starts_with("f.tsv:6: missing column 2 (name)"));
    }
}
