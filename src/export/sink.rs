//! The file an export streams into: large aligned blocks written around the page cache.
//!
//! A full corpus build writes 3 GB of exports. Through the page cache, the kernel copies every
//! byte once more and that copy was the largest single cost of the whole build on our test
//! machine (`copy_folio_from_iter_atomic`, 7 s of system time for 3 GB, where `dd` with
//! `oflag=direct` writes the same 3 GB in 1.5 s with 0.3 s of system time). Exports are
//! written once and read later by other programs, so caching them buys nothing.
//!
//! So on Linux the file is switched to `O_DIRECT` and written in whole, aligned blocks; the
//! last block is padded and the file then cut to its true length. Where the file system
//! refuses direct I/O (tmpfs, some network file systems), or on other platforms, the sink is
//! an ordinary buffered writer: same bytes, only slower.

use std::fs::File;
use std::io::{self, Write};

/// Alignment that direct I/O asks of buffer addresses, sizes and file offsets: the largest
/// logical block size in common use.
const ALIGN: usize = 4096;

/// Bytes collected before each write: large enough that the wait for each synchronous
/// direct write is small beside the work of filling it.
const BLOCK: usize = 4 << 20;

/// A writer over an open file that goes around the page cache when it can.
pub struct DirectSink {
    file: File,
    /// `BLOCK + ALIGN` bytes, of which `start..start + BLOCK` is the aligned block.
    storage: Vec<u8>,
    start: usize,
    filled: usize,
    /// Bytes already in the file.
    written: u64,
    direct: bool,
}

impl DirectSink {
    /// Wraps `file` (opened for writing, empty), switching it to direct I/O if possible.
    pub fn new(file: File) -> DirectSink {
        let direct = enable_direct(&file);
        let storage = vec![0u8; BLOCK + ALIGN];
        let start = storage.as_ptr().align_offset(ALIGN).min(ALIGN);
        DirectSink {
            file,
            storage,
            start,
            filled: 0,
            written: 0,
            direct,
        }
    }

    /// Whether writes go around the page cache.
    pub fn is_direct(&self) -> bool {
        self.direct
    }

    /// Writes what is left and returns the file, cut to the length written.
    pub fn finish(mut self) -> io::Result<File> {
        if self.filled > 0 {
            let length = self.written + self.filled as u64;
            if self.direct {
                // a direct write must be a whole number of blocks: pad, then cut back
                let padded = self.filled.div_ceil(ALIGN) * ALIGN;
                self.storage[self.start + self.filled..self.start + padded].fill(0);
                self.filled = padded;
            }
            self.write_block()?;
            if self.written != length {
                self.file.set_len(length)?;
            }
        }
        Ok(self.file)
    }

    /// Writes the filled part of the block to the file.
    fn write_block(&mut self) -> io::Result<()> {
        let range = self.start..self.start + self.filled;
        match self.file.write_all(&self.storage[range.clone()]) {
            Ok(()) => {}
            // the file system accepted the flag but not the write: go on buffered
            Err(e) if self.direct && is_invalid_argument(&e) => {
                disable_direct(&self.file)?;
                self.direct = false;
                self.file.write_all(&self.storage[range])?;
            }
            Err(e) => return Err(e),
        }
        self.written += self.filled as u64;
        self.filled = 0;
        Ok(())
    }
}

impl Write for DirectSink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.filled == BLOCK {
            self.write_block()?;
        }
        let room = BLOCK - self.filled;
        let taken = bytes.len().min(room);
        let at = self.start + self.filled;
        self.storage[at..at + taken].copy_from_slice(&bytes[..taken]);
        self.filled += taken;
        Ok(taken)
    }

    /// Only full blocks can be written directly; the rest waits for `finish`.
    fn flush(&mut self) -> io::Result<()> {
        if self.filled == BLOCK {
            self.write_block()?;
        }
        Ok(())
    }
}

#[cfg(target_os = "linux")]
fn is_invalid_argument(e: &io::Error) -> bool {
    rustix::io::Errno::from_io_error(e) == Some(rustix::io::Errno::INVAL)
}

#[cfg(target_os = "linux")]
fn enable_direct(file: &File) -> bool {
    use rustix::fs::{fcntl_getfl, fcntl_setfl, OFlags};
    match fcntl_getfl(file) {
        Ok(flags) => fcntl_setfl(file, flags | OFlags::DIRECT).is_ok(),
        Err(_) => false,
    }
}

#[cfg(target_os = "linux")]
fn disable_direct(file: &File) -> io::Result<()> {
    use rustix::fs::{fcntl_getfl, fcntl_setfl, OFlags};
    let flags = fcntl_getfl(file)?;
    fcntl_setfl(file, flags - OFlags::DIRECT)?;
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn is_invalid_argument(_: &io::Error) -> bool {
    false
}

#[cfg(not(target_os = "linux"))]
fn enable_direct(_: &File) -> bool {
    false
}

#[cfg(not(target_os = "linux"))]
fn disable_direct(_: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Writes `content` in uneven pieces and reads the file back.
    fn round_trip(content: &[u8]) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let mut sink = DirectSink::new(File::create(&path).unwrap());
        for piece in content.chunks(1000 + content.len() % 7) {
            sink.write_all(piece).unwrap();
        }
        sink.finish().unwrap().sync_all().unwrap();
        let mut back = Vec::new();
        File::open(&path).unwrap().read_to_end(&mut back).unwrap();
        back
    }

    #[test]
    fn files_hold_exactly_the_bytes_written() {
        for length in [
            0,
            1,
            ALIGN - 1,
            ALIGN,
            ALIGN + 1,
            BLOCK,
            BLOCK + 3,
            2 * BLOCK + ALIGN,
        ] {
            let content: Vec<u8> = (0..length).map(|i| (i * 31 % 251) as u8).collect();
            assert_eq!(round_trip(&content), content, "length {length}");
        }
    }
}
