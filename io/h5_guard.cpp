#include "io/h5_guard.hpp"

#include <H5Cpp.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "io/h5_util.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define FIRMNET_GUARD_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define FIRMNET_GUARD_SANITIZED 1
#endif
#endif
#ifdef FIRMNET_GUARD_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

namespace firmnet {

namespace {

// Datasets up to this many declared bytes are read whole; larger ones chunk by chunk.
constexpr hsize_t kSmallDatasetBytes = hsize_t{1} << 20;
// Variable-length datasets are read whole (their strings live in the global heap, where
// libhdf5's worst bugs are), this many elements at a time.
constexpr hsize_t kSlabElements = hsize_t{1} << 16;
// No firmnet attribute comes near this; a larger one is a damaged dataspace.
constexpr hsize_t kMaxAttributeBytes = hsize_t{64} << 20;
constexpr int kMaxRank = 32;
constexpr std::size_t kMaxStepBytes = 300;

// ---------------------------------------------------------------------------------------------
// The child: walks the file and reports each step through the pipe. It runs between fork() and
// _exit() in a copy of a process that may have had OpenMP threads, so it calls only libhdf5
// (whose global lock no other thread of firmnet holds: firmnet calls libhdf5 from one thread),
// plain system calls and malloc (which glibc keeps usable after fork), and leaves with _exit,
// so that no atexit handler, stdio flush or libhdf5 cleanup of the parent's state runs twice.

// Pipe records, one line each: '@' the step being taken, '!' why the file is damaged, '=' done.
void send(int fd, char kind, std::string_view text) {
  std::string line(1, kind);
  for (char c : text.substr(0, kMaxStepBytes)) {
    const auto byte = static_cast<unsigned char>(c);
    line += (byte < 0x20 || byte == 0x7f) ? '?' : c;  // names in a damaged file can hold anything
  }
  line += '\n';
  for (std::size_t done = 0; done < line.size();) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ::_exit(4);  // the parent is gone
    done += static_cast<std::size_t>(n);
  }
}

// An HDF5 identifier closed when it goes out of scope (a file with thousands of objects would
// otherwise keep them all open in the child).
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  operator hid_t() const { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

// The innermost entry of libhdf5's error stack: the most specific reason.
herr_t innermost_error(unsigned depth, const H5E_error2_t* error, void* out) {
  if (depth == 0) {
    auto& text = *static_cast<std::string*>(out);
    text = std::string(error->func_name ? error->func_name : "libhdf5") + ": " + (error->desc ? error->desc : "");
  }
  return 0;
}

class Walker {
 public:
  Walker(int fd, hsize_t file_size) : fd_(fd), file_size_(file_size) {}

  [[noreturn]] void run(const char* path) {
    step("the superblock and root group");
    const Handle file(H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    // The same open in the parent fails the same way, with open_network_file's own message
    // ("truncated or corrupt").
    if (file < 0) finish();
    const Handle root(must(H5Oopen(file, "/", H5P_DEFAULT)), H5Oclose);
    step("the links of /");
    must(H5Lvisit(root, H5_INDEX_NAME, H5_ITER_NATIVE, &Walker::visit_link, this));
    must(H5Ovisit2(root, H5_INDEX_NAME, H5_ITER_NATIVE, &Walker::visit_object, this, H5O_INFO_BASIC));
    finish();
  }

  [[noreturn]] void finish() {
    send(fd_, '=', "");
    ::_exit(0);
  }

  [[noreturn]] void damaged(const std::string& why) {
    send(fd_, '!', why);
    ::_exit(3);
  }

 private:
  void step(const std::string& what) {
    where_ = what;
    send(fd_, '@', what);
  }

  [[noreturn]] void hdf5_failed() {
    std::string reason;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost_error, &reason);
    damaged("HDF5 error while reading " + where_ + (reason.empty() ? std::string() : ": " + reason));
  }

  // libhdf5 returns a negative hid_t, herr_t, htri_t or hssize_t on failure.
  template <typename T>
  T must(T value) {
    if (value < 0) hdf5_failed();
    return value;
  }

  static herr_t visit_link(hid_t group, const char* name, const H5L_info_t* info, void* self) {
    auto& walker = *static_cast<Walker*>(self);
    const std::string path = std::string("/") + name;
    walker.step("the link " + path);
    // firmnet writes none, and following one would open another file, unguarded.
    if (info->type == H5L_TYPE_EXTERNAL || info->type >= H5L_TYPE_UD_MIN)
      walker.damaged(path + " is an external or user-defined link, which firmnet network files never hold");
    walker.must(H5Lexists(group, name, H5P_DEFAULT));
    return 0;
  }

  static herr_t visit_object(hid_t root, const char* name, const H5O_info_t* info, void* self) {
    auto& walker = *static_cast<Walker*>(self);
    const std::string path = std::strcmp(name, ".") == 0 ? std::string("/") : std::string("/") + name;
    walker.step(path);
    const Handle object(walker.must(H5Oopen(root, name, H5P_DEFAULT)), H5Oclose);
    walker.attributes(object, path);
    switch (info->type) {
      case H5O_TYPE_GROUP: {
        H5G_info_t group{};
        walker.must(H5Gget_info(object, &group));
        break;
      }
      case H5O_TYPE_DATASET: walker.dataset(object, path); break;
      case H5O_TYPE_NAMED_DATATYPE: walker.must(H5Tget_class(object)); break;
      default: walker.damaged(path + " is an object of unknown type");
    }
    return 0;
  }

  struct AttributeVisit {
    Walker* walker;
    const std::string* owner;
  };

  static herr_t visit_attribute(hid_t object, const char* name, const H5A_info_t*, void* data) {
    const auto& visit = *static_cast<AttributeVisit*>(data);
    visit.walker->attribute(object, name, *visit.owner);
    return 0;
  }

  // Every attribute, opened by name and read as io/h5_util.cpp reads it; then the lookups of
  // firmnet's probes (H5Aexists scans every attribute message of the object header).
  void attributes(hid_t object, const std::string& owner) {
    step("the attributes of " + owner);
    AttributeVisit visit{this, &owner};
    hsize_t index = 0;
    must(H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_NATIVE, &index, &Walker::visit_attribute, &visit));
    step("the attributes of " + owner);
    for (const char* probe : {"format_name", "encoding", "count"}) must(H5Aexists(object, probe));
  }

  void attribute(hid_t object, const char* name, const std::string& owner) {
    step("attribute '" + std::string(name) + "' of " + owner);
    must(H5Aexists(object, name));
    const Handle attr(must(H5Aopen(object, name, H5P_DEFAULT)), H5Aclose);
    const Handle file_type(must(H5Aget_type(attr)), H5Tclose);
    const Handle space(must(H5Aget_space(attr)), H5Sclose);
    const hssize_t points = must(H5Sget_simple_extent_npoints(space));
    const Handle memory(memory_type(file_type), H5Tclose);
    const std::size_t element = H5Tget_size(memory);
    if (element == 0) hdf5_failed();
    if (static_cast<double>(points) * static_cast<double>(element) > static_cast<double>(kMaxAttributeBytes))
      damaged("attribute '" + std::string(name) + "' of " + owner + " declares " + std::to_string(points) + " values");
    if (points == 0) return;
    std::vector<char> values(static_cast<std::size_t>(points) * element, '\0');
    must(H5Aread(attr, memory, values.data()));
    if (holds_variable_length(memory)) must(H5Dvlen_reclaim(memory, space, H5P_DEFAULT, values.data()));
  }

  // The memory type firmnet reads a file type as: strings as the file declares them (as
  // h5::get_string_attr reads them), anything else as its native type (h5::read_array and
  // get_int_attr convert numbers the same way).
  hid_t memory_type(hid_t file_type) {
    if (must(H5Tget_class(file_type)) == H5T_STRING) return must(H5Tcopy(file_type));
    return must(H5Tget_native_type(file_type, H5T_DIR_ASCEND));
  }

  bool holds_variable_length(hid_t memory) {
    if (must(H5Tget_class(memory)) == H5T_STRING) return must(H5Tis_variable_str(memory)) > 0;
    return must(H5Tdetect_class(memory, H5T_VLEN)) > 0;
  }

  void dataset(hid_t ds, const std::string& path) {
    const Handle file_type(must(H5Dget_type(ds)), H5Tclose);
    const Handle space(must(H5Dget_space(ds)), H5Sclose);
    const Handle create(must(H5Dget_create_plist(ds)), H5Pclose);
    const int rank = must(H5Sget_simple_extent_ndims(space));
    if (rank > kMaxRank) damaged(path + " has " + std::to_string(rank) + " dimensions");
    hsize_t dims[kMaxRank] = {};
    must(H5Sget_simple_extent_dims(space, dims, nullptr));
    const auto points = static_cast<hsize_t>(must(H5Sget_simple_extent_npoints(space)));
    const std::size_t type_size = H5Tget_size(file_type);
    if (type_size == 0) hdf5_failed();
    const int filters = must(H5Pget_nfilters(create));
    for (int i = 0; i < filters; ++i) {
      unsigned flags = 0;
      std::size_t values = 0;
      must(H5Pget_filter2(create, static_cast<unsigned>(i), &flags, &values, nullptr, 0, nullptr, nullptr));
    }
    const H5D_layout_t layout = H5Pget_layout(create);
    if (layout < 0) hdf5_failed();
    if (layout == H5D_VIRTUAL) damaged(path + " is a virtual dataset, which firmnet network files never hold");
    const hsize_t stored = H5Dget_storage_size(ds);
    const double declared = static_cast<double>(points) * static_cast<double>(type_size);
    // firmnet refuses such a dataset before reading it (h5::read_array), so its data never
    // reaches libhdf5.
    if (points == 0 || !h5::declared_size_plausible(declared, static_cast<double>(stored))) return;

    const Handle memory(memory_type(file_type), H5Tclose);
    const bool variable = holds_variable_length(memory);
    const bool read_whole = declared <= static_cast<double>(kSmallDatasetBytes) || (variable && rank == 1);
    if (layout == H5D_COMPACT) {
      // libhdf5 1.10.8 reads the declared size from the smaller stored buffer (H5VM_memcpyvv).
      if (static_cast<double>(stored) != declared)
        damaged("compact dataset " + path + " stores " + std::to_string(stored) + " bytes for the " +
                std::to_string(static_cast<hsize_t>(declared)) + " bytes its type and shape declare");
    } else if (layout == H5D_CONTIGUOUS) {
      const haddr_t offset = H5Dget_offset(ds);
      if (offset != HADDR_UNDEF && (offset > file_size_ || stored > file_size_ - offset))
        damaged("the raw data of " + path + " lies beyond the end of the file");
    } else if (layout == H5D_CHUNKED) {
      chunks(ds, space, memory, rank, dims, path, !read_whole);
    }
    if (read_whole) read_all(ds, space, memory, rank, points, path);
  }

  // The index entry of every chunk (its address and size must lie within the file) and, unless
  // the whole dataset is read anyway, one element of the first and of the last stored chunk,
  // which makes libhdf5 read and unfilter them. Unfiltering every chunk would cost about what
  // loading the network costs (docs/benchmarks.md, "HDF5 guard"); the other chunks go through
  // the same filter pipeline, and what deflate can expand them to is bounded by
  // h5::declared_size_plausible.
  void chunks(hid_t ds, hid_t space, hid_t memory, int rank, const hsize_t* dims, const std::string& path,
              bool read_samples) {
    const Handle create(must(H5Dget_create_plist(ds)), H5Pclose);
    hsize_t chunk[kMaxRank] = {};
    if (must(H5Pget_chunk(create, kMaxRank, chunk)) != rank) damaged(path + ": the chunk shape has the wrong rank");
    for (int d = 0; d < rank; ++d)
      if (chunk[d] == 0) damaged(path + ": a chunk dimension is 0");
    hsize_t offset[kMaxRank] = {}, first_stored[kMaxRank] = {}, last_stored[kMaxRank] = {};
    bool any_stored = false;
    for (;;) {
      step("the chunk at " + coordinates(offset, rank) + " of " + path);
      unsigned filter_mask = 0;
      haddr_t address = HADDR_UNDEF;
      hsize_t size = 0;
      must(H5Dget_chunk_info_by_coord(ds, offset, &filter_mask, &address, &size));
      if (address != HADDR_UNDEF) {
        if (address > file_size_ || size > file_size_ - address)
          damaged("the chunk at " + coordinates(offset, rank) + " of " + path + " lies beyond the end of the file");
        if (!any_stored) std::copy(offset, offset + rank, first_stored);
        std::copy(offset, offset + rank, last_stored);
        any_stored = true;
      }
      // Next chunk, last dimension fastest.
      int d = rank - 1;
      for (; d >= 0; --d) {
        offset[d] += chunk[d];
        if (offset[d] < dims[d]) break;
        offset[d] = 0;
      }
      if (d < 0) break;
    }
    if (!read_samples || !any_stored) return;
    for (const hsize_t* sample : {first_stored, last_stored}) {
      step("the chunk at " + coordinates(sample, rank) + " of " + path);
      read_element(ds, space, memory, rank, sample);
    }
  }

  static std::string coordinates(const hsize_t* offset, int rank) {
    std::string text = "[";
    for (int d = 0; d < rank; ++d) text += (d ? "," : "") + std::to_string(offset[d]);
    return text + "]";
  }

  void read_element(hid_t ds, hid_t space, hid_t memory, int rank, const hsize_t* offset) {
    const Handle selection(must(H5Scopy(space)), H5Sclose);
    hsize_t ones[kMaxRank];
    std::fill(ones, ones + rank, hsize_t{1});
    must(H5Sselect_hyperslab(selection, H5S_SELECT_SET, offset, nullptr, ones, nullptr));
    read_selection(ds, selection, memory, 1);
  }

  void read_all(hid_t ds, hid_t space, hid_t memory, int rank, hsize_t points, const std::string& path) {
    step("the raw data of " + path);
    if (rank != 1) {
      read_selection(ds, space, memory, points);
      return;
    }
    for (hsize_t start = 0; start < points; start += kSlabElements) {
      const hsize_t count = std::min(kSlabElements, points - start);
      const Handle selection(must(H5Scopy(space)), H5Sclose);
      must(H5Sselect_hyperslab(selection, H5S_SELECT_SET, &start, nullptr, &count, nullptr));
      read_selection(ds, selection, memory, count);
    }
  }

  void read_selection(hid_t ds, hid_t file_selection, hid_t memory, hsize_t count) {
    const Handle memory_space(must(H5Screate_simple(1, &count, nullptr)), H5Sclose);
    std::vector<char> values(static_cast<std::size_t>(count) * H5Tget_size(memory), '\0');
    must(H5Dread(ds, memory, memory_space, file_selection, H5P_DEFAULT, values.data()));
    if (holds_variable_length(memory)) must(H5Dvlen_reclaim(memory, memory_space, H5P_DEFAULT, values.data()));
  }

  int fd_;
  hsize_t file_size_;
  std::string where_;
};

struct Limits {
  rlim_t address_space = RLIM_INFINITY;
  unsigned seconds = 60;
};

[[noreturn]] void child_main(const std::string& path, int fd, hsize_t file_size, const Limits& limits) {
  // The parent's handlers (atomic_file.cpp's cleanup on SIGINT, a sanitizer's or fuzzer's crash
  // reports) must not run here: a crash, the alarm or Ctrl-C simply end the child.
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM, SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXCPU})
    ::signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
#ifdef FIRMNET_GUARD_SANITIZED
  __sanitizer_set_death_callback(nullptr);  // libFuzzer's would save the input as a crash of its own
#endif
  const int null_fd = ::open("/dev/null", O_WRONLY);
  if (null_fd >= 0) ::dup2(null_fd, STDERR_FILENO);  // libhdf5's and sanitizers' reports of expected crashes
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  const rlimit memory{limits.address_space, limits.address_space};
  ::setrlimit(RLIMIT_AS, &memory);
  ::alarm(limits.seconds);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  Walker walker(fd, file_size);
  try {
    walker.run(path.c_str());
  } catch (const std::exception&) {  // std::bad_alloc at the memory limit, or a length_error
    walker.damaged("ran out of its memory limit");
  }
}

// ---------------------------------------------------------------------------------------------
// The parent.

std::string signal_name(int sig) {
  const char* abbreviation = ::sigabbrev_np(sig);
  return abbreviation ? std::string("SIG") + abbreviation : "signal " + std::to_string(sig);
}

// The address space the process uses now; the child's limit is this plus its budget, so that
// a parent with large mappings (a loaded network, a sanitizer's shadow memory) still leaves the
// child its budget. O(1).
rlim_t current_address_space() {
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (!statm) return 0;
  unsigned long long pages = 0;
  const int read = std::fscanf(statm, "%llu", &pages);
  std::fclose(statm);
  return read == 1 ? static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE)) : 0;
}

Limits limits_for(hsize_t file_size) {
  Limits limits;
  // The walk reads metadata, small datasets and one chunk at a time: 1 GiB plus four times the
  // file is far more than it needs, and far less than the gigabytes a damaged length asks for.
  limits.address_space = current_address_space() + (rlim_t{1} << 30) + 4 * static_cast<rlim_t>(file_size);
  limits.seconds = 60 + static_cast<unsigned>(file_size >> 23);
  if (const char* seconds = std::getenv("FIRMNET_HDF5_GUARD_SECONDS"); seconds && *seconds) {
    const long value = std::strtol(seconds, nullptr, 10);
    if (value > 0) limits.seconds = static_cast<unsigned>(value);
  }
  return limits;
}

// What the child said: its last step, and why the file is damaged or that it finished.
struct ChildReport {
  std::string step, damage;
  bool finished = false;
  bool timed_out = false;
};

void parse_lines(std::string& pending, ChildReport& report) {
  std::size_t start = 0;
  for (std::size_t end; (end = pending.find('\n', start)) != std::string::npos; start = end + 1) {
    const std::string_view line(pending.data() + start, end - start);
    if (line.empty()) continue;
    if (line[0] == '@') report.step = line.substr(1);
    else if (line[0] == '!') report.damage = line.substr(1);
    else if (line[0] == '=') report.finished = true;
  }
  pending.erase(0, start);
}

// Reads the child's records until it closes the pipe, or kills it at the deadline.
ChildReport collect(int fd, pid_t child, unsigned seconds) {
  ChildReport report;
  std::string pending;
  // The child's alarm ends it first; the parent's deadline covers a child stuck where SIGALRM
  // cannot reach it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds + 5);
  char buffer[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(child, SIGKILL);
      report.timed_out = true;
      break;
    }
    pollfd readable{fd, POLLIN, 0};
    const int ready = ::poll(&readable, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending.append(buffer, static_cast<std::size_t>(n));
    parse_lines(pending, report);
  }
  return report;
}

// Empty when the file is sound; else the reason, for "PATH: damaged HDF5 file (REASON)".
std::string walk_in_child(const std::string& path, hsize_t file_size) {
  const Limits limits = limits_for(file_size);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw DataError(path + ": cannot check the HDF5 file: pipe: " + std::strerror(errno));
  const pid_t child = ::fork();
  if (child < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw DataError(path + ": cannot check the HDF5 file: fork: " + std::strerror(error));
  }
  if (child == 0) {
    ::close(fds[0]);
    child_main(path, fds[1], file_size, limits);
  }
  ::close(fds[1]);
  const ChildReport report = collect(fds[0], child, limits.seconds);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  const std::string where = report.step.empty() ? std::string() : " while reading " + report.step;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && report.finished) return {};
  if (!report.damage.empty()) return report.damage;
  if (report.timed_out || (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM))
    return "hung: no answer within " + std::to_string(limits.seconds) + " s" + where;
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
      throw DataError(path + ": the check of the HDF5 file was interrupted (" + signal_name(sig) + ")");
    if (sig == SIGKILL) return "killed with SIGKILL, probably for running out of memory," + where;
    return "crashed with " + signal_name(sig) + where;
  }
  return "the check ended with exit status " + std::to_string(WEXITSTATUS(status)) + where;
}

// Identity of a file's content for the process: a rewrite changes the size or the time.
using FileKey = std::tuple<dev_t, ino_t, off_t, time_t, long>;

FileKey key_of(const struct stat& st) {
  return {st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
}

struct Verdicts {
  std::mutex mutex;
  std::map<FileKey, std::string> damage;  // empty: sound
};

Verdicts& verdicts() {
  static Verdicts instance;
  return instance;
}

bool guard_enabled() {
  static const bool enabled = [] {
    const char* setting = std::getenv("FIRMNET_HDF5_GUARD");
    return !(setting && std::string_view(setting) == "off");
  }();
  return enabled;
}

}  // namespace

void check_hdf5_file(const std::string& path) {
  if (!guard_enabled()) return;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;  // the caller reports a missing file
  const FileKey key = key_of(st);
  Verdicts& known = verdicts();
  std::string damage;
  {
    const std::lock_guard<std::mutex> lock(known.mutex);
    const auto it = known.damage.find(key);
    if (it != known.damage.end()) damage = it->second;
    else damage = known.damage[key] = walk_in_child(path, static_cast<hsize_t>(st.st_size));
  }
  if (!damage.empty()) throw DamagedFileError(path + ": damaged HDF5 file (" + damage + ")");
}

void trust_hdf5_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;
  Verdicts& known = verdicts();
  const std::lock_guard<std::mutex> lock(known.mutex);
  known.damage[key_of(st)].clear();
}

void forget_hdf5_verdicts() {
  Verdicts& known = verdicts();
  const std::lock_guard<std::mutex> lock(known.mutex);
  known.damage.clear();
}

}  // namespace firmnet
