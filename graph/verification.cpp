#include "graph/verification.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "graph/random.hpp"

namespace firmnet {

void Verification::fail(std::string message) {
  if (violations.size() < kMaxKept)
    violations.push_back(std::move(message));
  else
    ++omitted;
}

void Verification::merge(const Verification& other) {
  for (const auto& violation : other.violations) fail(violation);
  omitted += other.omitted;
  notes.insert(notes.end(), other.notes.begin(), other.notes.end());
}

void Verification::expect_close(const std::string& what, double reported, double recomputed, double relative,
                                double absolute) {
  if (std::isnan(reported) && std::isnan(recomputed)) return;
  const double scale = std::max(std::abs(reported), std::abs(recomputed));
  if (std::abs(reported - recomputed) <= relative * scale + absolute) return;
  fail(what + ": reported " + number_text(reported) + ", recomputed " + number_text(recomputed));
}

std::string number_text(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

std::vector<NodeId> sample_nodes(NodeId n, std::size_t count, std::uint64_t seed) {
  std::vector<NodeId> nodes(n);
  std::iota(nodes.begin(), nodes.end(), NodeId{0});
  if (n <= count) return nodes;
  Rng rng(seed);
  for (std::size_t i = 0; i < count; ++i)
    std::swap(nodes[i], nodes[i + rng.below(n - i)]);
  nodes.resize(count);
  std::sort(nodes.begin(), nodes.end());
  return nodes;
}

}  // namespace firmnet
