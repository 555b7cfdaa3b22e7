// The outcome of a verifier: a deliberately simple, serial re-check of a kernel's invariants
// written independently of the kernel, in the habit of the GAP Benchmark Suite (Beamer,
// Asanovic & Patterson, arXiv:1508.03619, 2015). Each main kernel in
// algorithms/ has one beside it (<kernel>_verifier.hpp), for tests and for checking a run.
// An empty list of violations means every check passed; notes say which checks were skipped
// or only sampled, and why.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "graph/types.hpp"

namespace firmnet {

struct Verification {
  std::vector<std::string> violations;  // human-readable, the first kMaxKept of them
  std::vector<std::string> notes;       // checks skipped or sampled
  std::uint64_t omitted = 0;            // violations beyond kMaxKept, counted only

  /// A corrupted large outcome can break millions of checks; the first few say enough.
  static constexpr std::size_t kMaxKept = 50;

  /// True when no check failed. O(1).
  bool ok() const { return violations.empty(); }
  /// Records a violation (kept while fewer than kMaxKept are, counted after). O(message).
  void fail(std::string message);
  /// Records a violation unless reported and recomputed agree: both NaN, or
  /// |reported - recomputed| <= relative * max(|reported|, |recomputed|) + absolute. O(what).
  void expect_close(const std::string& what, double reported, double recomputed, double relative,
                    double absolute = 0.0);
  /// Adds another verification's violations (within the kMaxKept limit), notes and omitted
  /// count, so that one report can cover several kernels. O(its size).
  void merge(const Verification& other);
};

/// A double in the shortest form that reads back to the same value, for messages. O(1).
std::string number_text(double value);

/// `count` distinct nodes of 0..n-1 drawn uniformly (partial Fisher-Yates on graph/random.hpp's
/// Rng), in increasing order; every node when n <= count. O(n).
std::vector<NodeId> sample_nodes(NodeId n, std::size_t count, std::uint64_t seed);

}  // namespace firmnet
