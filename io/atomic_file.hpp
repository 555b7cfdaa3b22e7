// Network files, result appends, exports and the HTML report are created or replaced
// atomically: readers, a crash or a kill see the old file or the complete new one, never a
// half-written target (docs/ROBUSTNESS.md).
#pragma once
#include <cstdio>
#include <string>

namespace firmnet {

/// A file written to a temporary sibling "<path>.tmp-<pid>-<n>" and moved into place by
/// commit(): it flushes and fsyncs the temporary file, renames it over path and fsyncs the
/// directory. Until commit() succeeds path is untouched; destroying the object uncommitted
/// (an exception, an early return) removes the temporary file, and so does SIGINT, SIGTERM or
/// SIGHUP during the write (only SIGKILL can leave a temporary file behind).
///
/// Two ways to fill it: a library that opens files itself (HDF5, std::ofstream) writes to
/// temp_path(); text producers append to buffer() and call flush_if_full() now and then, which
/// writes it out in 1 MiB blocks. Use one or the other.
class AtomicFile {
 public:
  /// Throws DataError when path's directory does not exist or path is a directory. O(1).
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;  // the signal handler holds temp_path()'s address
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }

  /// Text to write; the temporary file is created when the first block is written. O(1).
  std::string& buffer();
  /// Writes the buffer out once it holds 1 MiB. Throws DataError on a write error. Amortised
  /// O(1) per appended byte.
  void flush_if_full() {
    if (buffer_.size() >= kBlockBytes) write_buffer();
  }

  /// Writes what is buffered, fsyncs, renames over path and fsyncs the directory (in a process
  /// group only member 0 does; the others leave path alone). Throws
  /// DataError (naming path) on failure, after removing the temporary file. O(buffered bytes).
  void commit();

 private:
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
  void write_buffer();
  void close_stream();
  std::string path_, temp_path_;
  std::FILE* stream_ = nullptr;
  std::string buffer_;
  bool streaming_ = false, committed_ = false;
};

}  // namespace firmnet
