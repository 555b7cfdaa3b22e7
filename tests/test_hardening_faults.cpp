// Faults during writes (docs/ROBUSTNESS.md): kill -9 in the middle of a network write or a
// results append, readers racing a writer that replaces the file, and unusable output paths.
// The full-disk case (RLIMIT_FSIZE) for save_network and write_result is in
// test_hdf5_store.cpp; the CLI cases (full disk, Ctrl-C) are in
// tests/python/test_hardening_cli.py.
#include <catch2/catch.hpp>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "graph/errors.hpp"
#include "io/csv_import.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "test_support.hpp"

using namespace firmnet;
using firmnet::test::source_file;
using firmnet::test::TempDir;
using firmnet::test::temp_leftovers;
using firmnet::test::error_of;

namespace {

ImportResult handmade() {
  return import_csv(source_file("datasets/handmade/nodes.csv"), source_file("datasets/handmade/edges.csv"), {});
}

// A graph on the handmade nodes whose write takes a few milliseconds, so kills land inside it.
Graph bigger_graph(const NodeTable& nodes, int salt) {
  GraphBuilder b(nodes);
  const int n = static_cast<int>(nodes.size());
  for (int i = 0; i < 200000; ++i)
    b.add_edge(i % n, (i * 7 + 1 + salt) % n, RelationType::supply, 1.0 + i + salt, static_cast<std::int16_t>(1 + i % 3000));
  return std::move(b).finish();
}

void sleep_microseconds(long us) {
  timespec ts{us / 1000000, (us % 1000000) * 1000};
  ::nanosleep(&ts, nullptr);
}

// Forks a child that runs body forever; returns its pid.
template <typename Body>
pid_t spawn_writer(Body body) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    try {
      for (;;) body();
    } catch (...) {
      ::_exit(4);
    }
  }
  return pid;
}

void kill_and_reap(pid_t pid, int signal_number) {
  ::kill(pid, signal_number);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  // The writer must not have stopped by itself (exit 4 = it threw).
  CHECK(WIFSIGNALED(status));
}

}  // namespace

TEST_CASE("kill -9 during a network write leaves the old or the new file, never a broken one",
          "[hardening][faults]") {
  TempDir dir;
  const ImportResult base = handmade();
  const std::string path = dir.file("net.h5");
  save_network(path, base.graph, base.log);
  const Graph replacement = bigger_graph(base.graph.nodes, 0);
  const std::set<std::uint64_t> valid{base.graph.fingerprint(), replacement.fingerprint()};

  int saw_new = 0;
  for (int round = 0; round < 8; ++round) {
    const pid_t writer = spawn_writer([&] { save_network(path, replacement, base.log); });
    // From before the first write to mid-way through later ones; the last round waits long
    // enough for a slow (sanitized, loaded) writer to commit.
    sleep_microseconds(round == 7 ? 1500000L : 2000 + 9000L * round);
    kill_and_reap(writer, SIGKILL);
    const Graph loaded = load_network(path);
    INFO("round " << round);
    CHECK(valid.count(loaded.fingerprint()) == 1);
    CHECK(read_header(path).fingerprint == loaded.fingerprint());
    saw_new += loaded.fingerprint() == replacement.fingerprint();
  }
  CHECK(saw_new > 0);  // the later rounds ran long enough to commit
  // SIGKILL cannot be caught: at most one temporary sibling per killed writer, and the next
  // successful write is not disturbed by them.
  CHECK(temp_leftovers(dir).size() <= 8);
  save_network(path, base.graph, base.log);
  CHECK(load_network(path).fingerprint() == base.graph.fingerprint());
}

TEST_CASE("kill -9 during a results append leaves the earlier results readable", "[hardening][faults]") {
  TempDir dir;
  const ImportResult base = handmade();
  const std::string path = dir.file("net.h5");
  save_network(path, base.graph, base.log);
  const std::size_t n = base.graph.node_count();
  Result first;
  first.name = "first";
  first.method = "test";
  first.add_column("score", std::vector<double>(n, 0.25));
  write_result(path, first);

  Result big;
  big.name = "big";
  big.method = "test";
  big.add_column("score", std::vector<double>(n, 2.0));
  big.tables.push_back({"rows", {{"v", Float64Column(300000, 3.0)}}});
  for (int round = 0; round < 6; ++round) {
    const pid_t writer = spawn_writer([&] { write_result(path, big); });
    sleep_microseconds(3000 + 8000L * round);
    kill_and_reap(writer, SIGKILL);
    INFO("round " << round);
    CHECK(load_network(path).fingerprint() == base.graph.fingerprint());
    const Result again = read_result(path, "first");
    CHECK(std::get<Float64Column>(again.column("score").values) == std::vector<double>(n, 0.25));
    for (const auto& summary : list_results(path)) {
      CHECK((summary.name == "first" || summary.name == "big"));
      if (summary.name == "big") CHECK(read_result(path, "big").tables.at(0).columns.at(0).size() == 300000);
    }
  }
}

TEST_CASE("readers racing a writer that replaces the file see a whole version", "[hardening][faults]") {
  TempDir dir;
  const ImportResult base = handmade();
  const std::string path = dir.file("net.h5");
  const Graph a = bigger_graph(base.graph.nodes, 1), b = bigger_graph(base.graph.nodes, 2);
  REQUIRE(a.fingerprint() != b.fingerprint());
  save_network(path, a, base.log);
  bool flip = false;
  const pid_t writer = spawn_writer([&] {
    save_network(path, flip ? a : b, base.log);
    flip = !flip;
  });
  std::set<std::uint64_t> seen;
  int failures = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  int reads = 0;
  while (std::chrono::steady_clock::now() < until || seen.size() < 2) {
    try {
      seen.insert(load_network(path).fingerprint());
    } catch (const DataError& e) {
      ++failures;
      UNSCOPED_INFO(e.what());
    }
    if (++reads > 400) break;
  }
  kill_and_reap(writer, SIGKILL);
  CHECK(failures == 0);
  CHECK(seen.size() == 2);
  for (std::uint64_t f : seen) CHECK((f == a.fingerprint() || f == b.fingerprint()));
}

TEST_CASE("unusable output paths give one clear error and leave nothing behind", "[hardening][faults]") {
  TempDir dir;
  const ImportResult base = handmade();
  const std::string path = dir.file("net.h5");
  save_network(path, base.graph, base.log);
  Result r;
  r.name = "x";
  r.method = "test";
  r.add_column("v", std::vector<double>(base.graph.node_count(), 1.0));

  CHECK_THAT(error_of([&] { write_result(dir.file("missing/net.h5"), r); }), Catch::Contains("missing/net.h5"));
  CHECK_THAT(error_of([&] { write_result(dir.path().string(), r); }), Catch::Contains("directory"));
  CHECK_THAT(error_of([&] { write_result(dir.file("absent.h5"), r); }), Catch::Contains("absent.h5"));
  CHECK_THAT(error_of([&] { save_network(dir.file("net.h5/inside.h5"), base.graph, base.log); }),
             Catch::Contains("net.h5/inside.h5"));

  // A directory the process cannot write to. root ignores permission bits, so root uses a
  // read-only file system (/proc) instead.
  std::string locked_dir = dir.file("locked");
  std::filesystem::create_directory(locked_dir);
  ::chmod(locked_dir.c_str(), 0555);
  if (::access(locked_dir.c_str(), W_OK) == 0) locked_dir = "/proc/self";
  const std::string locked = locked_dir + "/net.h5";
  const std::string message = error_of([&] { save_network(locked, base.graph, base.log); });
  CHECK_THAT(message, Catch::Contains(locked));
  CHECK(message.find('\n') == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(locked));
  ::chmod(dir.file("locked").c_str(), 0755);

  // A read-only network file: results cannot be appended when its directory is read-only.
  const std::string ro_copy = dir.file("locked2");
  std::filesystem::create_directory(ro_copy);
  std::filesystem::copy_file(path, ro_copy + "/net.h5");
  ::chmod(ro_copy.c_str(), 0555);
  if (::access(ro_copy.c_str(), W_OK) != 0) {
    CHECK_THAT(error_of([&] { write_result(ro_copy + "/net.h5", r); }), Catch::Contains(ro_copy + "/net.h5"));
    CHECK(list_results(ro_copy + "/net.h5").empty());
  }
  ::chmod(ro_copy.c_str(), 0755);

  // Nothing was created next to the real file, and it still loads.
  CHECK(temp_leftovers(dir).empty());
  CHECK(load_network(path).fingerprint() == base.graph.fingerprint());
  CHECK(list_results(path).empty());
}
