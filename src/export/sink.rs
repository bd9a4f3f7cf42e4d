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

/// Bytes collected before each write: large enough that each direct write moves a lot,
/// small enough that the blocks in flight stay a few megabytes per file.
const BLOCK: usize = 4 << 20;

/// Blocks per file at most: one being filled, one being written, one waiting.
const BLOCKS_PER_FILE: usize = 3;

/// A block of bytes whose used part starts at an aligned address.
struct Block {
    /// Room for `BLOCK + ALIGN` bytes, never reallocated: `..start` is the padding before
    /// the aligned address, `start..` the bytes of the block. Only what is written is ever
    /// initialised (zeroing each new block up front cost more than a small build's
    /// exports).
    storage: Vec<u8>,
    start: usize,
    filled: usize,
}

impl Block {
    fn new() -> Block {
        let mut storage: Vec<u8> = Vec::with_capacity(BLOCK + ALIGN);
        let start = storage.as_ptr().align_offset(ALIGN).min(ALIGN);
        storage.resize(start, 0);
        Block {
            storage,
            start,
            filled: 0,
        }
    }

    fn bytes(&self) -> &[u8] {
        &self.storage[self.start..self.start + self.filled]
    }

    /// Appends as much of `bytes` as fits; returns how much that was.
    fn fill(&mut self, bytes: &[u8]) -> usize {
        let taken = bytes.len().min(BLOCK - self.filled);
        self.storage.extend_from_slice(&bytes[..taken]);
        self.filled += taken;
        taken
    }

    /// Empties the block for reuse.
    fn clear(&mut self) {
        self.storage.truncate(self.start);
        self.filled = 0;
    }

    /// Pads the block with zeros to a whole number of aligned units (a direct write of
    /// the last, partial block must be so long); returns the bytes that are padding.
    fn pad(&mut self) -> usize {
        let padded = self.filled.div_ceil(ALIGN) * ALIGN;
        self.storage.resize(self.start + padded, 0);
        let padding = padded - self.filled;
        self.filled = padded;
        padding
    }
}

/// A writer over an open file that goes around the page cache when it can. Full blocks
/// go to a thread of the file's own, which waits for the disk: the exporter filling the
/// next block never does (a direct write returns only once the device has the data).
pub struct DirectSink {
    current: Block,
    /// Full blocks to the writing thread; written blocks back, to be filled again.
    full: Option<std::sync::mpsc::SyncSender<Block>>,
    empty: std::sync::mpsc::Receiver<Block>,
    blocks: usize,
    writer: Option<std::thread::JoinHandle<io::Result<File>>>,
}

impl DirectSink {
    /// Wraps `file` (opened for writing, empty), switching it to direct I/O if possible.
    pub fn new(file: File) -> DirectSink {
        let direct = enable_direct(&file);
        let (full, full_blocks) = std::sync::mpsc::sync_channel::<Block>(1);
        let (written, empty) = std::sync::mpsc::sync_channel::<Block>(BLOCKS_PER_FILE);
        let writer = std::thread::spawn(move || write_to_disk(file, direct, full_blocks, written));
        DirectSink {
            current: Block::new(),
            full: Some(full),
            empty,
            blocks: 1,
            writer: Some(writer),
        }
    }

    /// Writes what is left and returns the file, cut to the length written.
    pub fn finish(mut self) -> io::Result<File> {
        if self.current.filled > 0 {
            self.hand_over()?;
        }
        drop(self.full.take());
        self.join()
    }

    /// The writing thread's result (its error, if it stopped early).
    fn join(&mut self) -> io::Result<File> {
        match self.writer.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            _ => Err(io::Error::other("the thread writing the file failed")),
        }
    }

    /// Sends the current block to be written and takes an empty one.
    fn hand_over(&mut self) -> io::Result<()> {
        let next = match self.empty.try_recv() {
            Ok(block) => block,
            Err(_) if self.blocks < BLOCKS_PER_FILE => {
                self.blocks += 1;
                Block::new()
            }
            Err(_) => match self.empty.recv() {
                Ok(block) => block,
                Err(_) => return Err(self.failure()),
            },
        };
        let full = std::mem::replace(&mut self.current, next);
        self.current.clear();
        match self.full.as_ref().map(|sender| sender.send(full)) {
            Some(Ok(())) => Ok(()),
            _ => Err(self.failure()),
        }
    }

    /// Why the writing thread stopped taking blocks.
    fn failure(&mut self) -> io::Error {
        drop(self.full.take());
        match self.join() {
            Err(e) => e,
            Ok(_) => io::Error::other("the thread writing the file stopped"),
        }
    }
}

impl Write for DirectSink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.current.filled == BLOCK {
            self.hand_over()?;
        }
        Ok(self.current.fill(bytes))
    }

    /// Blocks are written as they fill; the rest waits for `finish`.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The writing thread: writes each block it is sent, in order, and sends it back; pads
/// the last one for direct I/O and cuts the file back to its true length.
fn write_to_disk(
    mut file: File,
    mut direct: bool,
    full: std::sync::mpsc::Receiver<Block>,
    written: std::sync::mpsc::SyncSender<Block>,
) -> io::Result<File> {
    let mut length = 0u64;
    let mut padding = 0;
    for mut block in full {
        length += block.filled as u64;
        // only the last block can be partial
        if direct && block.filled % ALIGN != 0 {
            padding = block.pad();
        }
        match file.write_all(block.bytes()) {
            Ok(()) => {}
            // the file system accepted the flag but not the write: go on buffered
            Err(e) if direct && is_invalid_argument(&e) => {
                disable_direct(&file)?;
                direct = false;
                block.filled -= padding;
                padding = 0;
                file.write_all(block.bytes())?;
            }
            Err(e) => return Err(e),
        }
        let _ = written.try_send(block);
    }
    if padding > 0 {
        file.set_len(length)?;
    }
    Ok(file)
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
    fn a_failed_write_is_reported() {
        // /dev/full refuses every write with "no space left on device"
        let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
            return;
        };
        let mut sink = DirectSink::new(full);
        let content = vec![b'x'; 3 * BLOCK + 5];
        let result = sink
            .write_all(&content)
            .and_then(|()| sink.finish().map(drop));
        assert!(result.is_err(), "the error reaches the exporter");
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

    /// Where the file system takes direct I/O (probed with one aligned write beside the
    /// test file), the sink really writes around the page cache: the file it hands back
    /// still has `O_DIRECT` after full blocks and a padded, cut last one.
    #[cfg(target_os = "linux")]
    #[test]
    fn direct_io_is_used_where_the_file_system_takes_it() {
        use rustix::fs::{fcntl_getfl, OFlags};
        let dir = tempfile::tempdir().unwrap();
        let probe = File::create(dir.path().join("probe")).unwrap();
        let mut aligned = Block::new();
        aligned.fill(&[0; ALIGN]);
        let supported = enable_direct(&probe) && (&probe).write_all(aligned.bytes()).is_ok();
        if !supported {
            return;
        }
        let path = dir.path().join("out");
        let mut sink = DirectSink::new(File::create(&path).unwrap());
        let content = vec![7u8; 2 * BLOCK + 5];
        sink.write_all(&content).unwrap();
        let file = sink.finish().unwrap();
        let flags = fcntl_getfl(&file).unwrap();
        assert!(
            flags.contains(OFlags::DIRECT),
            "the file was written buffered"
        );
        assert_eq!(file.metadata().unwrap().len(), content.len() as u64);
    }
}
