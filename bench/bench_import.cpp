// Import and load benchmark (docs/benchmarks.md, "Import and load"). Generates an unweighted
// supply graph as CSV (a simple heavy-tailed generator: sources uniform, targets Zipf-like, ids
// "F0000000"), then measures, each in its own child process so that peak memory is per phase:
//   - firmnet CSV import + HDF5 write (edges/s),
//   - firmnet HDF5 open + in-memory graph build (edges/s),
//   - igraph_read_graph_ncol on the same edges as a same-run reference for text import,
// plus the file size in bytes per edge. The three run interleaved, round by round; the speed-up
// over igraph is the median of the same-round ratios, and the import's peak memory is set
// against the bytes of the final in-memory arrays (the Graph's node and edge tables and CSR).
// Usage: bench_import [--nodes N] [--edges M] [--dir DIR] [--repeat R]
//        bench_import --csv DIR [--repeat R]
//   --csv imports DIR/nodes.csv and DIR/edges.csv as they are (e.g. `firmnet generate scale
//   --out-dir DIR`); igraph reads DIR/edges.ncol ("source target weight" lines), written from
//   edges.csv when absent.
#include <igraph/igraph.h>
#include <omp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "graph/random.hpp"
#include "io/csv_import.hpp"
#include "io/csv_reader.hpp"
#include "io/network_store.hpp"
#include "bench_timing.hpp"
#include "bench_args.hpp"

namespace {

using firmnet::bench::median;

struct Measure {
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // user + system: on a shared, noisy machine this is the steadier figure
  double peak_mib = 0;
};

// Runs work() in a child process; returns wall time and the child's peak resident memory.
Measure in_child(const std::function<void()>& work) {
  std::fflush(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    try {
      work();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child failed: %s\n", e.what());
      _exit(1);
    }
    _exit(0);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "benchmark phase failed\n");
    std::exit(1);
  }
  const double cpu = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                     (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  return {seconds, cpu, usage.ru_maxrss / 1024.0};
}

void print_load_average() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) == 3) std::printf("%.2f %.2f %.2f\n", load[0], load[1], load[2]);
  else std::printf("unknown\n");
}

class BufferedWriter {
 public:
  explicit BufferedWriter(const std::string& path) : file_(std::fopen(path.c_str(), "wb")) {
    if (!file_) throw std::runtime_error("cannot write " + path);
    buf_.reserve(1 << 20);
  }
  ~BufferedWriter() {
    flush();
    std::fclose(file_);
  }
  void text(std::string_view s) {
    buf_.append(s);
    if (buf_.size() > (1u << 20)) flush();
  }
  void id(std::uint64_t v) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, v);
    const std::size_t len = static_cast<std::size_t>(end - digits);
    buf_.push_back('F');
    buf_.append(7 > len ? 7 - len : 0, '0');
    buf_.append(digits, len);
  }
  void flush() {
    std::fwrite(buf_.data(), 1, buf_.size(), file_);
    buf_.clear();
  }

 private:
  std::FILE* file_;
  std::string buf_;
};

void generate(const std::string& dir, std::uint64_t n, std::uint64_t m) {
  {
    BufferedWriter nodes(dir + "/nodes.csv");
    nodes.text("id,kind,industry,region\n");
    for (std::uint64_t i = 0; i < n; ++i) {
      nodes.id(i);
      nodes.text(",firm,C");
      nodes.text(std::to_string(3000 + i % 97));
      nodes.text(",R");
      nodes.text(std::to_string(i % 31));
      nodes.text("\n");
    }
  }
  BufferedWriter edges(dir + "/edges.csv");
  BufferedWriter ncol(dir + "/edges.ncol");
  edges.text("source,target,type\n");
  std::uint64_t state = 12345;
  for (std::uint64_t e = 0; e < m; ++e) {
    const std::uint64_t s = firmnet::splitmix64(state) % n;
    // Zipf-like customers: u^3 concentrates demand on low indices (heavy-tailed in-degree).
    const double u = static_cast<double>(firmnet::splitmix64(state) >> 11) * 0x1.0p-53;
    std::uint64_t t = static_cast<std::uint64_t>(u * u * u * static_cast<double>(n));
    if (t == s) t = (t + 1) % n;
    edges.id(s);
    edges.text(",");
    edges.id(t);
    edges.text(",supply\n");
    ncol.id(s);
    ncol.text(" ");
    ncol.id(t);
    ncol.text("\n");
  }
}

// "source target weight" lines for igraph's ncol reader from an edge CSV whose first three
// columns are source, target and (after type) weight: the columns named so in its header.
void write_ncol(const std::string& csv, const std::string& ncol) {
  firmnet::CsvReader reader(csv);
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) throw std::runtime_error("empty " + csv);
  int weight_column = -1;
  for (std::size_t c = 0; c < fields.size(); ++c)
    if (fields[c] == "weight") weight_column = static_cast<int>(c);
  BufferedWriter out(ncol);
  while (reader.next(fields)) {
    out.text(fields[0]);
    out.text(" ");
    out.text(fields[1]);
    if (weight_column >= 0) {
      out.text(" ");
      out.text(fields[weight_column]);
    }
    out.text("\n");
  }
}

template <typename T>
double bytes_of(const std::vector<T>& v) {
  return static_cast<double>(v.size() * sizeof(T));
}

double bytes_of(const firmnet::StringColumn& c) {
  double bytes = bytes_of(c.codes);
  for (const auto& value : c.dictionary) bytes += static_cast<double>(value.size());
  return bytes;
}

double bytes_of(const firmnet::StringList& list) { return static_cast<double>(list.byte_size() + 8 * (list.size() + 1)); }

double bytes_of(const firmnet::ExtraColumn& column) {
  return std::visit([](const auto& values) {
    if constexpr (std::is_same_v<std::decay_t<decltype(values)>, firmnet::StringColumn>) return bytes_of(values);
    else return bytes_of(values);
  }, column.values);
}

// Bytes of the arrays a Graph holds: what an import must build at the least.
double graph_array_bytes(const firmnet::Graph& g) {
  const auto& n = g.nodes;
  double bytes = bytes_of(n.id) + bytes_of(n.name) + bytes_of(n.kind) + bytes_of(n.industry) + bytes_of(n.stage) +
                 bytes_of(n.region) + bytes_of(n.park) + bytes_of(n.ownership) + bytes_of(n.lat) + bytes_of(n.lon) +
                 bytes_of(n.employees) + bytes_of(n.revenue) + bytes_of(n.founded);
  for (const auto& column : n.extra) bytes += bytes_of(column);
  bytes += bytes_of(g.edges.type) + bytes_of(g.edges.weight) + bytes_of(g.edges.year);
  for (const auto& column : g.edges.extra) bytes += bytes_of(column);
  return bytes + bytes_of(g.out_offsets) + bytes_of(g.out_target) + bytes_of(g.in_offsets) + bytes_of(g.in_source) +
         bytes_of(g.in_edge);
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t n = 1000000, m = 10000000;
  std::string dir = "bench-import";
  bool given_csv = false;
  int repeat = 3;
  std::string csv;
  CLI::App app{"CSV import and HDF5 load against igraph's text reader, in interleaved rounds"};
  app.add_option("--nodes", n, "Generated graph: nodes")->capture_default_str();
  app.add_option("--edges", m, "Generated graph: edges")->capture_default_str();
  app.add_option("--dir", dir, "Directory of the generated CSV files")->capture_default_str();
  app.add_option("--csv", csv, "Import DIR/nodes.csv and DIR/edges.csv as they are instead");
  app.add_option("--repeat", repeat, "Rounds")->capture_default_str();
  firmnet::bench::parse_or_exit(app, argc, argv);
  if (!csv.empty()) {
    dir = csv;
    given_csv = true;
  }
  if (given_csv) {
    if (!std::filesystem::exists(dir + "/edges.ncol")) write_ncol(dir + "/edges.csv", dir + "/edges.ncol");
    std::printf("graph: %s/nodes.csv and edges.csv (%.0f MB); igraph reads edges.ncol\n", dir.c_str(),
                static_cast<double>(std::filesystem::file_size(dir + "/nodes.csv") +
                                    std::filesystem::file_size(dir + "/edges.csv")) / 1e6);
  } else {
    std::filesystem::create_directories(dir);
    std::printf("graph: %llu nodes, %llu supply edges (unweighted), generated in %s\n",
                static_cast<unsigned long long>(n), static_cast<unsigned long long>(m), dir.c_str());
    const Measure gen = in_child([&] { generate(dir, n, m); });
    std::printf("generated CSV in %.2f s\n", gen.seconds);
  }
  std::printf("threads %d (firmnet); igraph is single-threaded; load average at start: ", omp_get_max_threads());
  print_load_average();

  const std::string h5 = dir + "/net.h5";
  std::vector<double> import_s, load_s, igraph_s, import_cpu, load_cpu, igraph_cpu, speedup, cpu_speedup;
  double import_mib = 0, load_mib = 0, igraph_mib = 0;
  std::uint64_t edges_kept = 0;
  for (int r = 0; r < repeat; ++r) {
    const Measure imp = in_child([&] {
      firmnet::ImportResult result = firmnet::import_csv(dir + "/nodes.csv", dir + "/edges.csv", {});
      firmnet::save_network(h5, result.graph, result.log);
    });
    import_s.push_back(imp.seconds);
    import_cpu.push_back(imp.cpu_seconds);
    import_mib = std::max(import_mib, imp.peak_mib);
    const Measure load = in_child([&] {
      firmnet::Graph g = firmnet::load_network(h5);
      if (g.edge_count() == 0) throw std::runtime_error("empty graph");
    });
    load_s.push_back(load.seconds);
    load_cpu.push_back(load.cpu_seconds);
    load_mib = std::max(load_mib, load.peak_mib);
    const Measure ig = in_child([&] {
      std::FILE* f = std::fopen((dir + "/edges.ncol").c_str(), "r");
      igraph_t graph;
      if (igraph_read_graph_ncol(&graph, f, nullptr, true, IGRAPH_ADD_WEIGHTS_IF_PRESENT, IGRAPH_DIRECTED) != IGRAPH_SUCCESS)
        throw std::runtime_error("igraph_read_graph_ncol failed");
      std::fclose(f);
      igraph_destroy(&graph);
    });
    igraph_s.push_back(ig.seconds);
    igraph_cpu.push_back(ig.cpu_seconds);
    speedup.push_back(ig.seconds / imp.seconds);
    cpu_speedup.push_back(ig.cpu_seconds / imp.cpu_seconds);
    igraph_mib = std::max(igraph_mib, ig.peak_mib);
  }
  edges_kept = firmnet::read_header(h5).edge_count;
  m = edges_kept;  // the rates below count the edges kept
  const double file_bytes = static_cast<double>(std::filesystem::file_size(h5));
  const double imp = median(import_s), load = median(load_s), ig = median(igraph_s);
  std::printf("\n%-44s %9s %13s %9s %13s %9s\n", "phase (median of runs)", "wall s", "edges/s", "cpu s",
              "edges/cpu-s", "peak MiB");
  auto row = [&](const char* name, double wall, double cpu, double mib) {
    std::printf("%-44s %9.2f %13.0f %9.2f %13.0f %9.0f\n", name, wall, m / wall, cpu, m / cpu, mib);
  };
  row("firmnet import (CSV -> HDF5)", imp, median(import_cpu), import_mib);
  row("firmnet load (HDF5 -> in-memory graph)", load, median(load_cpu), load_mib);
  row("igraph_read_graph_ncol (same edges, text)", ig, median(igraph_cpu), igraph_mib);
  std::printf("\nimport speed vs igraph ncol reader (median of same-round ratios): %.2fx wall, %.2fx CPU\n",
              median(speedup), median(cpu_speedup));
  const double final_mib = graph_array_bytes(firmnet::load_network(h5)) / (1024.0 * 1024.0);
  std::printf("import peak %.0f MiB = %.2fx the final arrays (%.0f MiB)\n", import_mib, import_mib / final_mib,
              final_mib);
  std::printf("load average at end: ");
  print_load_average();
  std::printf("file size: %.0f bytes, %.2f bytes per edge (%llu edges after merging duplicates)\n", file_bytes,
              file_bytes / static_cast<double>(edges_kept), static_cast<unsigned long long>(edges_kept));
  std::printf("runs: %d\n", repeat);
  return 0;
}
