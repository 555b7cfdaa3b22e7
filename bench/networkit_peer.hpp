// NetworKit as a peer of the benchmarks, run as an external driver program that the user builds
// from NetworKit's sources (never part of firmnet). The driver is called as
//   DRIVER EDGES kadabra EPSILON DELTA SCORES_OUT      or      DRIVER EDGES core CORES_OUT
// where EDGES is the binary edge list written by write_edge_pairs, and prints "key value" lines
// (kadabra_seconds, samples, omega, core_seconds, kmax, ...); the scores file has one value per
// node, in node order. See docs/benchmarks.md for what the driver calls.
#pragma once
#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "graph/adjacency.hpp"

namespace firmnet::bench {

/// Writes the adjacency as uint32 n, uint8 directed, uint64 m and m (u, v) uint32 pairs:
/// every out-entry when directed, each unordered pair once (u < v) when undirected. O(n + m).
inline void write_edge_pairs(const Adjacency& adjacency, const std::string& path) {
  const WeightedCsr& out = adjacency.out();
  const bool directed = adjacency.is_directed();
  std::vector<std::uint32_t> pairs;
  pairs.reserve(directed ? 2 * out.entry_count() : out.entry_count());
  for (NodeId u = 0; u < out.node_count(); ++u)
    for (EdgeId e = out.offsets[u]; e < out.offsets[u + 1]; ++e)
      if (directed || u < out.targets[e]) pairs.insert(pairs.end(), {u, out.targets[e]});
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + path);
  const std::uint32_t n = out.node_count();
  const std::uint8_t flag = directed ? 1 : 0;
  const std::uint64_t m = pairs.size() / 2;
  const bool written = std::fwrite(&n, 4, 1, f) == 1 && std::fwrite(&flag, 1, 1, f) == 1 &&
                       std::fwrite(&m, 8, 1, f) == 1 && std::fwrite(pairs.data(), 4, pairs.size(), f) == pairs.size();
  if (std::fclose(f) != 0 || !written) throw std::runtime_error("cannot write " + path);
}

/// True when `driver` names an existing file; otherwise prints why NetworKit is skipped. O(1).
inline bool networkit_available(const std::string& driver) {
  struct stat info{};
  if (!driver.empty() && stat(driver.c_str(), &info) == 0) return true;
  std::printf("NetworKit skipped: %s\n", driver.empty() ? "no --networkit DRIVER given" : ("no file " + driver).c_str());
  return false;
}

/// Runs the driver with `arguments` on `threads` OpenMP threads and returns its "key value"
/// lines (empty when it fails). O(its run).
inline std::map<std::string, double> run_networkit(const std::string& driver, const std::string& arguments, int threads) {
  const std::string command = "OMP_NUM_THREADS=" + std::to_string(threads) + " '" + driver + "' " + arguments;
  std::map<std::string, double> values;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return values;
  char key[128];
  double value = 0.0;
  char line[512];
  while (std::fgets(line, sizeof line, pipe))
    if (std::sscanf(line, "%127s %lf", key, &value) == 2) values[key] = value;
  if (pclose(pipe) != 0) {
    std::fprintf(stderr, "NetworKit: %s failed\n", command.c_str());
    values.clear();
  }
  return values;
}

/// One number per line from `path` (empty when unreadable). O(lines).
inline std::vector<double> read_values(const std::string& path) {
  std::vector<double> values;
  if (FILE* f = std::fopen(path.c_str(), "r")) {
    for (double v; std::fscanf(f, "%lf", &v) == 1;) values.push_back(v);
    std::fclose(f);
  }
  return values;
}

}  // namespace firmnet::bench
