// Null models for the internal linkage of spatial units (the park-versus-cluster test,
// docs/METHODS.md).
//
// Statistics: for each unit U, the number e_U of accepted directed edges with both endpoints
// in U, and its two stage-aware parts: vertical links (both endpoints firms with known,
// different stages) and horizontal links (firms with the same known stage).
//
// Null: the edge set rewired by target swaps. Every accepted edge is a slot with a fixed
// source and type; a swap of slots i = (a->b) and j = (c->d) of the same stratum makes them
// (a->d) and (c->b). A swap that would create a self-loop is rejected. Multi-edges may arise
// (the configuration-model variant of the swap chain), which is immaterial for edge counts.
//   degree   : stratum = relation type (Maslov & Sneppen 2002, directed).
//   distance : stratum = relation type, and a swap is accepted only if each slot keeps its
//              length band: band(a,d) == band(a,b) and band(c,b) == band(c,d). Real trade
//              decays with distance (Bernard, Moxnes & Saito 2019, JPE 127(2)), so firms side
//              by side trade more than a degree-preserving null expects even without a cluster;
//              this null keeps how far each firm's links reach and moves only whom they reach.
//   region   : stratum = (type, region of source, region of target), so trade between every
//              pair of regions is preserved.
//   industry : stratum = (type, industry of source, industry of target).
//
// Distance bands: great-circle lengths (graph/geo_distance.hpp) of the accepted links whose
// endpoints both have coordinates and that are not internal to a unit (all located links when
// every one is internal), cut at K quantiles: band k holds lengths in (L_{k-1}, L_k], L_k the
// ceil(k n / K)-th shortest of those n lengths (L_0 = -inf; L_K = the longest located link of
// all; equal cut points merge, so there may be fewer than K bands). K = distance_bands, by
// default min(10, ceil(log2(n + 1))). Internal links are left out of the cut points because
// they are the statistic under test: where a park's firms are the only ones that close
// together, bands cut at the lengths of their own links would keep those links internal in
// every replicate, and the null would absorb any cluster (a world without distance decay shows
// it). Every link, internal ones included, is then held to its band. Links with an endpoint
// without coordinates form one more band, "unlocated"; a new link belongs to it when one of its
// endpoints lacks coordinates.
// What the distance null preserves, by induction over accepted swaps (each slot keeps its
// source, its type and, by the acceptance rule, its band; the two targets are exchanged):
//   - every node's out-degree per (type, band), hence per type;
//   - every node's in-degree per type (b loses an in-link of the type and gains one, so does d);
//   - the number of links per (type, band), hence the link-length histogram at band
//     resolution; unlocated links stay unlocated and no link grows beyond the longest one.
//
// Proposals. A uniform partner j within i's stratum rarely keeps a short link short, so the
// distance null cycles through three proposal kernels, in blocks of 64 attempts: one block in
// eight draws j uniformly within i's type (the kernel whose moves define the reachable set);
// the others draw j uniformly among the slots of i's type and band whose source lies in the same
// cell of one of two cubic grids in Earth-centred coordinates (cell side = the band's width, at
// least 10 m; the second grid is offset by half a cell on every axis, so neighbouring cells
// exchange targets). Slots never change type, band or source, so every kernel partitions the
// slots into fixed groups and proposes a swap and its reversal with equal probability: each
// kernel, hence any fixed sequence of them (a systematic scan), keeps the uniform distribution
// over the band-preserving configurations reachable from the observed one invariant (the same
// target as Maslov-Sneppen swaps with the band rule alone).
//
// Chains: B = min(2, C) burn-in chains start from the observed graph; burn-in chain b has seed
// derive_seed(derive_seed(seed, kBurnInStream), b) (a stream of its own) and runs burn_in_swaps * m swap attempts.
// Then a fixed number C of sampling chains (`chains`, independent of the OpenMP thread count)
// continue from them: chain c starts from the state of burn-in chain c mod B, has seed
// derive_seed(seed, c), and runs spacing_swaps * m attempts before each of its replicates c,
// c + C, ... Sharing the burn-in costs B * burn_in * m attempts instead of C * burn_in * m: the
// start state is forgotten once, and chains forked from one state decorrelate as fast as a
// chain's successive samples do (docs/METHODS.md, "Mixing of the chains", has the measured
// relaxation and autocorrelation behind the schedule). Chains run in parallel over threads; a
// given seed gives the same replicates on any number of threads. Counts are updated per
// accepted swap in O(1) (four links change), so no graph is rebuilt. Proposals are drawn a few
// dozen attempts ahead and their memory prefetched, since a swap attempt is a handful of random
// memory accesses. Time O((burn_in * B + spacing * R) * m + m log m + R K units), K the lags of
// the effective sample size; memory 44 bytes per slot (48 for the distance null) and 32 per
// node, plus 4 bytes per slot per running chain and per burn-in chain.
//
// Spacing by default (spacing_swaps = 0): 1 attempt per link up to kFullSpacingLinks links, then
// kFullSpacingLinks / m, never below kMinimumSpacing; at national scale the replicates keep their
// number (and the p-value its resolution 1 / (R + 1)) and become more correlated, which the
// effective sample size per unit reports.
//
// Analytic expectation of the degree null (given beside every null): E[e_U] = sum_t [(sum_{i in U} kout_i^t)
// (sum_{j in U} kin_j^t) - sum_{i in U} kout_i^t kin_i^t] / m_t, the directed configuration
// model without self-loops (Newman 2010, section 13.2).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::spatial {

enum class NullKind { degree, distance, region, industry };
/// "degree", "distance", "region" or "industry". O(1).
std::string_view null_kind_name(NullKind kind);
/// "degree", "distance", "region", "industry"; throws UsageError otherwise. O(1).
NullKind parse_null_kind(std::string_view text);

/// Links up to which samples are one attempt per link apart by default.
inline constexpr double kFullSpacingLinks = 10e6;
/// The smallest default spacing, in attempts per link.
inline constexpr double kMinimumSpacing = 0.25;

/// The default spacing for m links: min(1, max(kMinimumSpacing, kFullSpacingLinks / m)). O(1).
double automatic_spacing(std::uint64_t links);

struct NullOptions {
  NullKind kind = NullKind::degree;
  int replicates = 200;
  std::uint64_t seed = 1;
  double burn_in_swaps = 10.0;  // swap attempts per edge of the shared burn-in
  double spacing_swaps = 0.0;   // swap attempts per edge between samples; 0 = automatic_spacing(m)
  int chains = 8;               // Markov chains (at most `replicates` are used); not the thread count
  int distance_bands = 0;       // distance null: length bands; 0 = min(10, ceil(log2(n + 1)))
};

/// Length bands of the distance null (see the file comment).
struct DistanceBands {
  std::vector<double> upper_km;            // band k: lengths in (upper_km[k-1], upper_km[k]]
  std::vector<double> upper_chord2;        // the same cut points as squared unit-sphere chords
  std::vector<std::uint64_t> links;        // observed links per band; last entry: unlocated
  std::size_t count() const { return upper_km.size(); }  // bands of located links
  std::uint32_t unlocated() const { return static_cast<std::uint32_t>(count()); }
  /// Band of the link u -> v: unlocated() when an endpoint lacks coordinates, unlocated() + 1
  /// when it is longer than the longest observed link. O(log bands).
  std::uint32_t band_of(const Graph& graph, NodeId u, NodeId v) const;
};

/// One per-unit statistic under the null.
struct NullStatistic {
  std::vector<std::uint64_t> observed;              // per unit
  std::vector<double> mean, sd;                     // per unit, over replicates
  std::vector<std::uint64_t> at_least;              // per unit: replicates with count >= observed
  std::vector<double> effective;                    // per unit: effective sample size of the replicates
  std::vector<std::vector<std::uint32_t>> samples;  // [replicate][unit]
};

/// Internal links per unit (the base statistic) and their vertical and horizontal parts.
struct NullDistribution : NullStatistic {
  NullStatistic vertical, horizontal;
  DistanceBands bands;     // distance null only
  double acceptance = 0;   // share of swap attempts accepted
  double attempts = 0;     // swap attempts made: burn_in * B * m + spacing * R * m
  int chains = 0;          // chains used: min(options.chains, replicates)
  int burn_in_chains = 0;  // min(2, chains)
  double spacing_swaps = 0;  // the spacing used (options.spacing_swaps or automatic_spacing(m))
};

/// Internal edge count per unit (unit_of: per node, -1 = none). O(m).
std::vector<std::uint64_t> internal_edge_counts(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                                std::size_t unit_count);

/// Runs the swap chains. Throws UsageError for replicates < 1, chains < 1, burn_in_swaps < 0,
/// spacing_swaps < 0 or distance_bands < 0. O((burn_in * B + spacing * R) * m + m log m + R K u),
/// u units, K <= R / C lags.
NullDistribution sample_null(const GraphView& view, const std::vector<std::int64_t>& unit_of, std::size_t unit_count,
                             const NullOptions& options, const Progress& progress = {});

/// One link of a rewired replicate: the slot of accepted edge `edge` (its source and type)
/// now points to `target`.
struct RewiredEdge {
  EdgeId edge;
  NodeId source, target;
};

/// The configuration behind replicate `replicate` of sample_null with the same view and
/// options (its counts are that replicate's samples), one entry per accepted edge in CSR
/// order. Throws UsageError for a replicate outside [0, replicates).
/// O((burn_in + (replicate / C + 1) * spacing) * m + m log m).
std::vector<RewiredEdge> rewired_edges(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                       const NullOptions& options, int replicate);

/// Analytic configuration-model expectation of the internal edge count per unit. O(n + m).
std::vector<double> configuration_expectation(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                              std::size_t unit_count);

}  // namespace firmnet::spatial
