// Null models for the internal linkage of spatial units (the park-versus-cluster test,
// docs/METHODS.md).
//
// Statistic: for each unit U, the number of accepted directed edges with both endpoints in U.
// Null: the edge set rewired by target swaps within strata. Two edges (a->b), (c->d) of the
// same stratum become (a->d), (c->b); a swap that would create a self-loop is rejected.
// Every node keeps its in- and out-degree per stratum. Multi-edges may arise (the
// configuration-model variant of the swap chain), which is immaterial for edge counts.
//   degree   : stratum = relation type (Maslov & Sneppen 2002, directed).
//   region   : stratum = (type, region of source, region of target), so generic local trade
//              between two regions is preserved (the distance/region-preserving null).
//   industry : stratum = (type, industry of source, industry of target).
// Each replicate is a sample of a Markov chain: chains start from the observed graph, run
// burn_in_swaps * m swap attempts, then spacing_swaps * m attempts between samples. Internal
// counts are updated per swap in O(1), so no graph is rebuilt. One chain per thread; chain c
// yields replicates c, c + C, ... with its own seed, so a given seed and thread count give
// the same replicates. Time O((burn_in * C + spacing * R) * m); memory 12 bytes per edge per
// chain plus the counts.
// Analytic expectation (degree null only): E[e_U] = sum_t [(sum_{i in U} kout_i^t)
// (sum_{j in U} kin_j^t) - sum_{i in U} kout_i^t kin_i^t] / m_t, the directed configuration
// model without self-loops (Newman 2010, section 13.2).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::spatial {

enum class NullKind { degree, region, industry };
/// "degree", "region" or "industry". O(1).
std::string_view null_kind_name(NullKind kind);
/// "degree", "distance"/"region", "industry"; throws UsageError otherwise. O(length).
NullKind parse_null_kind(std::string_view text);

struct NullOptions {
  NullKind kind = NullKind::degree;
  int replicates = 200;
  std::uint64_t seed = 1;
  double burn_in_swaps = 10.0;  // swap attempts per edge before the first sample
  double spacing_swaps = 1.0;   // swap attempts per edge between samples
  int chains = 0;               // 0: one per OpenMP thread
};

struct NullDistribution {
  std::vector<std::uint64_t> observed;  // per unit
  std::vector<double> mean, sd;         // per unit, over replicates
  std::vector<std::uint64_t> at_least;  // per unit: replicates with count >= observed
  std::vector<std::vector<std::uint32_t>> samples;  // [replicate][unit]
  double acceptance = 0;  // share of swap attempts accepted
  int chains = 0;
};

/// Internal edge count per unit (unit_of: per node, -1 = none). O(m).
std::vector<std::uint64_t> internal_edge_counts(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                                std::size_t unit_count);

/// Runs the swap chains. Throws UsageError for replicates < 1.
/// O((burn_in_swaps * C + spacing_swaps * R) * m) for C chains and R replicates.
NullDistribution sample_null(const GraphView& view, const std::vector<std::int64_t>& unit_of, std::size_t unit_count,
                             const NullOptions& options, const Progress& progress = {});

/// One edge of a rewired replicate. Its stratum is that of the observed edge whose slot it
/// took: the same relation type, and (region / industry nulls) the same pair of source and
/// target regions or industries, since swaps only exchange targets within a stratum.
struct RewiredEdge {
  NodeId source = 0, target = 0;
  RelationType type = RelationType::supply;
};

/// The edge list behind samples[replicate] of sample_null(view, ..., options) when it ran
/// `chains` chains (NullDistribution::chains): the replicate's chain replayed alone with the
/// same seed and swap schedule, for verification (linkage_null_verifier.hpp). Throws
/// UsageError for a replicate outside 0..options.replicates-1 or chains < 1.
/// O(m log m + (burn_in_swaps + (replicate / chains + 1) * spacing_swaps) * m).
std::vector<RewiredEdge> rewired_edges(const GraphView& view, const NullOptions& options, int chains, int replicate);

/// Analytic configuration-model expectation of the internal edge count per unit. O(n + m).
std::vector<double> configuration_expectation(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                              std::size_t unit_count);

}  // namespace firmnet::spatial
