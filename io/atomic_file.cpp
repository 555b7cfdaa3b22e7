#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "graph/errors.hpp"
#include "graph/process_group.hpp"
#include "graph/random.hpp"

namespace firmnet {

namespace {
// Temporary files of writes in progress. If SIGINT, SIGTERM or SIGHUP ends the process (Ctrl-C
// during a long write), the handler removes them before the default action runs, so an
// interrupted command leaves no partial output. Lock-free atomics keep the handler
// async-signal-safe. SIGKILL cannot be caught: it may leave a temporary file, never a broken
// destination.
constexpr std::size_t kMaxPendingTemps = 64;
std::array<std::atomic<const char*>, kMaxPendingTemps> pending_temps{};

extern "C" void remove_pending_temps_and_reraise(int signal_number) {
  for (auto& slot : pending_temps)
    if (const char* path = slot.load()) ::unlink(path);
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

// Installs the handler once, only for signals still at their default action, so a program
// that handles these signals itself keeps its own handling.
void install_cleanup_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction current {};
      if (::sigaction(signal_number, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) continue;
      struct sigaction action {};
      action.sa_handler = remove_pending_temps_and_reraise;
      sigemptyset(&action.sa_mask);
      ::sigaction(signal_number, &action, nullptr);
    }
  });
}

void register_pending_temp(const char* path) {
  for (auto& slot : pending_temps) {
    const char* empty = nullptr;
    if (slot.compare_exchange_strong(empty, path)) return;
  }
}

void unregister_pending_temp(const char* path) {
  for (auto& slot : pending_temps) {
    const char* expected = path;
    if (slot.compare_exchange_strong(expected, nullptr)) return;
  }
}

// The "<n>" of "<path>.tmp-<pid>-<n>": varies between calls and runs, so that a temporary file
// left by a killed process whose pid is reused does not collide (HDF5 creates it exclusively).
std::uint64_t temp_suffix() {
  static std::atomic<std::uint64_t> serial{0};
  const auto now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  return derive_seed(now, serial++) % 1000000;
}

std::string error_text(int error) { return std::strerror(error); }

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  const fs::path target(path_);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw DataError(path_ + ": cannot write: directory '" + dir.string() + "' does not exist");
  if (fs::is_directory(target, ec)) throw DataError(path_ + ": cannot write: it is a directory");
  temp_path_ = path_ + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(temp_suffix());
  install_cleanup_handlers();
  register_pending_temp(temp_path_.c_str());
}

AtomicFile::~AtomicFile() {
  if (stream_) std::fclose(stream_);
  if (!committed_) ::unlink(temp_path_.c_str());
  unregister_pending_temp(temp_path_.c_str());
}

std::string& AtomicFile::buffer() {
  if (!streaming_) buffer_.reserve(kBlockBytes + 65536);  // one block plus the record that fills it
  streaming_ = true;
  return buffer_;
}

void AtomicFile::write_buffer() {
  if (!stream_) {
    stream_ = std::fopen(temp_path_.c_str(), "wb");
    if (!stream_) throw DataError(path_ + ": cannot create '" + temp_path_ + "': " + error_text(errno));
  }
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), stream_) != buffer_.size())
    throw DataError(path_ + ": cannot write: " + error_text(errno));
  buffer_.clear();
}

void AtomicFile::commit() {
  // In a process group (firmnet-mpi) member 0 alone moves files into place; the others' copies
  // are dropped with their temporary files.
  if (!writes_output()) return;
  try {
    if (streaming_) {
      write_buffer();
      const bool failed = std::fflush(stream_) != 0 || ::fsync(::fileno(stream_)) != 0;
      const int error = errno;
      const bool close_failed = std::fclose(stream_) != 0;
      stream_ = nullptr;
      if (failed || close_failed) throw DataError(path_ + ": cannot flush the new file: " + error_text(failed ? error : errno));
    } else {
      const int fd = ::open(temp_path_.c_str(), O_RDONLY);
      if (fd < 0 || ::fsync(fd) != 0) {
        const int error = errno;
        if (fd >= 0) ::close(fd);
        throw DataError(path_ + ": cannot flush the new file: " + error_text(error));
      }
      ::close(fd);
    }
    if (std::rename(temp_path_.c_str(), path_.c_str()) != 0)
      throw DataError(path_ + ": cannot replace: " + error_text(errno));
  } catch (...) {
    ::unlink(temp_path_.c_str());
    throw;
  }
  committed_ = true;
  unregister_pending_temp(temp_path_.c_str());
  // The rename is durable only once the directory entry is on disk.
  const std::filesystem::path target(path_);
  const std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace firmnet
