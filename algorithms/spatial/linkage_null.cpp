#include "algorithms/spatial/linkage_null.hpp"

#include <omp.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>

#include "algorithms/spatial/effective_sample_size.hpp"
#include "graph/errors.hpp"
#include "graph/geo_distance.hpp"
#include "graph/huge_pages.hpp"
#include "graph/parallel_sort.hpp"
#include "graph/process_group.hpp"
#include "graph/random.hpp"

namespace firmnet::spatial {

std::string_view null_kind_name(NullKind kind) {
  switch (kind) {
    case NullKind::degree: return "degree";
    case NullKind::distance: return "distance";
    case NullKind::region: return "region";
    case NullKind::industry: return "industry";
  }
  return "degree";
}

NullKind parse_null_kind(std::string_view text) {
  if (text == "degree") return NullKind::degree;
  if (text == "distance") return NullKind::distance;
  if (text == "region") return NullKind::region;
  if (text == "industry") return NullKind::industry;
  throw UsageError("unknown null model '" + std::string(text) + "' (use degree, distance, region or industry)");
}

namespace {

constexpr double kMinCellKm = 0.01;
constexpr double kUnlocated = std::numeric_limits<double>::quiet_NaN();

bool located(const Graph& g, NodeId u) { return std::isfinite(g.nodes.lat[u]) && std::isfinite(g.nodes.lon[u]); }

UnitVector node_vector(const Graph& g, NodeId u) {
  return located(g, u) ? unit_vector(g.nodes.lat[u], g.nodes.lon[u]) : UnitVector{kUnlocated, kUnlocated, kUnlocated};
}

// Per node: location, unit and stage, packed so that a swap touches one cache line per endpoint.
struct alignas(32) NodeRecord {
  UnitVector at;  // NaN components without coordinates
  std::int32_t unit = -1;
  std::int32_t stage = -1;  // stage code of a firm with a known stage, -1 otherwise
};

struct Group {
  std::uint32_t begin = 0, size = 0;
};

// Kernel 0: the stratum; kernels 1 and 2: the distance null's cells of grids 0 and 1. Slots
// are stored sorted by (stratum, band, grid-0 cell), so the groups of kernels 0 and 1 are slot
// ranges; kernel 2's groups are ranges of `members`, which saves a lookup on most proposals.
constexpr int kKernels = 3;

struct alignas(32) Slot {
  NodeId source = 0;
  std::uint32_t band = 0;
  Group group[kKernels];
};

// Everything the chains share, read-only. The arrays read at random live on huge pages.
struct SwapModel {
  HugePageVector<Slot> slots;
  HugePageVector<NodeId> target;  // observed target per slot
  std::vector<EdgeId> edge;       // accepted edge per slot
  HugePageVector<NodeRecord> nodes;
  HugePageVector<std::uint32_t> members;  // slot indices grouped by grid-1 cell
  std::vector<double> lower, upper;  // per band: (lower, upper] in squared chords
  std::uint32_t unlocated_band = 0;
  bool distance = false;
  DistanceBands bands;

  std::size_t size() const { return slots.size(); }

  bool keeps_band(const NodeRecord& s, const NodeRecord& t, std::uint32_t band) const {
    const bool both = !std::isnan(s.at.x) && !std::isnan(t.at.x);
    if (band == unlocated_band) return !both;
    if (!both) return false;
    const double c2 = chord_squared(s.at, t.at);
    return c2 > lower[band] && c2 <= upper[band];
  }
};

std::uint32_t default_band_count(std::size_t located_links) {
  if (located_links == 0) return 0;
  return std::min<std::uint32_t>(10, static_cast<std::uint32_t>(std::ceil(std::log2(located_links + 1.0))));
}

// Quantile cut points of the squared chords of located links; `links` is left to the caller.
// Each cut is selected in the part of the array above the previous one. O(n k).
DistanceBands quantile_bands(std::vector<double> chord2, int requested) {
  if (requested < 0) throw UsageError("--distance-bands must be >= 0");
  const std::size_t n = chord2.size();
  const std::uint32_t k = requested > 0 ? static_cast<std::uint32_t>(std::min<std::size_t>(requested, n))
                                        : default_band_count(n);
  DistanceBands bands;
  auto selected_from = chord2.begin();
  for (std::uint32_t b = 1; b <= k; ++b) {
    const auto rank = chord2.begin() + static_cast<std::ptrdiff_t>((b * n + k - 1) / k - 1);  // ceil(b n / k)-th shortest
    std::nth_element(selected_from, rank, chord2.end());
    selected_from = rank + 1;
    const double cut = *rank;
    if (bands.upper_chord2.empty() || cut > bands.upper_chord2.back()) bands.upper_chord2.push_back(cut);
  }
  for (double c2 : bands.upper_chord2) bands.upper_km.push_back(chord_squared_to_km(c2));
  return bands;
}

std::uint32_t band_of_chord(const DistanceBands& bands, double chord2) {
  if (std::isnan(chord2)) return bands.unlocated();
  const auto it = std::lower_bound(bands.upper_chord2.begin(), bands.upper_chord2.end(), chord2);
  return it == bands.upper_chord2.end() ? bands.unlocated() + 1 : static_cast<std::uint32_t>(it - bands.upper_chord2.begin());
}

// Indices 0..n-1 sorted by key, ties by index, so the order is total. O(n log n / p + n log p).
template <typename Key>
HugePageVector<std::uint32_t> sorted_order(const std::vector<Key>& key) {
  std::vector<std::pair<Key, std::uint32_t>> keyed(key.size());
  const auto n = static_cast<std::int64_t>(key.size());
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) keyed[i] = {key[i], static_cast<std::uint32_t>(i)};
  parallel_sort(keyed.begin(), keyed.end());
  HugePageVector<std::uint32_t> order(key.size());
#pragma omp parallel for schedule(static)
  for (std::int64_t k = 0; k < n; ++k) order[k] = keyed[k].second;
  return order;
}

// Calls on_run(begin, size) for each run of equal keys along order.
template <typename Key, typename OnRun>
void for_each_run(const HugePageVector<std::uint32_t>& order, const std::vector<Key>& key, OnRun&& on_run) {
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && key[order[j]] == key[order[i]]) ++j;
    on_run(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i));
    i = j;
  }
}

template <typename T>
void release(std::vector<T>& v) {
  std::vector<T>().swap(v);
}

// A slot's group key in the distance null: (type, band, grid cell of the source); unlocated
// links have one group per type.
struct CellKey {
  std::uint32_t stratum = 0;
  std::int32_t x = 0, y = 0, z = 0;
  auto operator<=>(const CellKey&) const = default;
};

SwapModel build_model(const GraphView& view, const std::vector<std::int64_t>* unit_of, const NullOptions& options) {
  const Graph& g = view.graph();
  SwapModel model;
  model.distance = options.kind == NullKind::distance;
  model.nodes.resize(g.node_count());
  for (NodeId u = 0; u < g.node_count(); ++u) {
    NodeRecord& r = model.nodes[u];
    r.at = node_vector(g, u);
    r.unit = unit_of ? static_cast<std::int32_t>((*unit_of)[u]) : -1;
    r.stage = g.nodes.kind[u] == NodeKind::firm && !g.nodes.stage.missing(u) ? g.nodes.stage.codes[u] : -1;
  }

  // Links in CSR order with their stratum key.
  std::vector<NodeId> source, target;
  std::vector<EdgeId> edge;
  std::vector<std::uint64_t> stratum;
  auto code = [](const StringColumn& c, NodeId u) { return static_cast<std::uint64_t>(c.codes[u] + 1); };
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (!view.contains(u)) continue;
    view.for_out_edges(u, [&](NodeId v, EdgeId e, double) {
      std::uint64_t k = static_cast<std::uint64_t>(g.edges.type[e]);
      if (options.kind == NullKind::region) k = (k << 48) | (code(g.nodes.region, u) << 24) | code(g.nodes.region, v);
      if (options.kind == NullKind::industry)
        k = (k << 48) | (code(g.nodes.industry, u) << 24) | code(g.nodes.industry, v);
      source.push_back(u);
      target.push_back(v);
      edge.push_back(e);
      stratum.push_back(k);
    });
  }
  const std::size_t m = source.size();
  if (m >= std::numeric_limits<std::uint32_t>::max())
    throw UsageError("the null model handles fewer than 2^32 links; select fewer layers or years");

  // Distance null: bands, and the cell of each link's source in grid 0 or 1.
  std::vector<std::uint32_t> band(model.distance ? m : 0);
  std::vector<double> cell_side;
  auto cell_key = [&](NodeId from, std::uint64_t type, std::uint32_t link_band, int grid) {
    CellKey key{static_cast<std::uint32_t>(type * (model.unlocated_band + 1) + link_band)};
    if (link_band == model.unlocated_band) return key;
    const double side = cell_side[link_band], offset = grid * side / 2;
    const UnitVector& p = model.nodes[from].at;
    key.x = static_cast<std::int32_t>(std::floor((p.x + offset) / side));
    key.y = static_cast<std::int32_t>(std::floor((p.y + offset) / side));
    key.z = static_cast<std::int32_t>(std::floor((p.z + offset) / side));
    return key;
  };
  std::vector<CellKey> key;
  if (model.distance) {
    std::vector<double> chord2(m);
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(m); ++i)
      chord2[i] = chord_squared(model.nodes[source[i]].at, model.nodes[target[i]].at);
    // Cut points from the links that join two units or leave them: the internal links are the
    // statistic under test, and bands cut at their own lengths would keep them internal.
    std::vector<double> between_chord2, internal_chord2;
    double longest = -1;
    for (std::size_t i = 0; i < m; ++i) {
      if (std::isnan(chord2[i])) continue;
      longest = std::max(longest, chord2[i]);
      const std::int32_t unit = model.nodes[source[i]].unit;
      (unit >= 0 && unit == model.nodes[target[i]].unit ? internal_chord2 : between_chord2).push_back(chord2[i]);
    }
    model.bands = quantile_bands(between_chord2.empty() ? std::move(internal_chord2) : std::move(between_chord2),
                                 options.distance_bands);
    if (!model.bands.upper_chord2.empty() && model.bands.upper_chord2.back() < longest) {
      model.bands.upper_chord2.back() = longest;  // the last band reaches the longest link
      model.bands.upper_km.back() = chord_squared_to_km(longest);
    }
    model.unlocated_band = model.bands.unlocated();
    model.bands.links.assign(model.bands.count() + 1, 0);
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(m); ++i) band[i] = band_of_chord(model.bands, chord2[i]);
    for (std::size_t i = 0; i < m; ++i) ++model.bands.links[band[i]];
    for (std::size_t b = 0; b < model.bands.count(); ++b) {
      const double lower_km = b == 0 ? 0.0 : model.bands.upper_km[b - 1];
      model.lower.push_back(b == 0 ? -1.0 : model.bands.upper_chord2[b - 1]);
      model.upper.push_back(model.bands.upper_chord2[b]);
      cell_side.push_back(std::max(model.bands.upper_km[b] - lower_km, kMinCellKm) / kEarthRadiusKm);
    }
    key.resize(m);
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(m); ++i) key[i] = cell_key(source[i], stratum[i], band[i], 0);
  }

  // Slots in (stratum, band, grid-0 cell) order, CSR order within a group.
  const HugePageVector<std::uint32_t> order = model.distance ? sorted_order(key) : sorted_order(stratum);
  model.slots.resize(m);
  model.target.resize(m);
  model.edge.resize(m);
#pragma omp parallel for schedule(static)
  for (std::int64_t k = 0; k < static_cast<std::int64_t>(m); ++k) {
    const std::size_t i = order[k];
    model.slots[k].source = source[i];
    model.slots[k].band = model.distance ? band[i] : 0;
    model.target[k] = target[i];
    model.edge[k] = edge[i];
  }
  auto set_groups = [&](int kernel) {
    return [&, kernel](std::uint32_t begin, std::uint32_t size) {
      for (std::uint32_t k = begin; k < begin + size; ++k) model.slots[k].group[kernel] = {begin, size};
    };
  };
  for_each_run(order, stratum, set_groups(0));
  if (!model.distance) return model;
  for_each_run(order, key, set_groups(1));
  release(source);
  release(target);
  release(edge);
  release(band);
  release(stratum);

  // Kernel 2: grid-1 cells, as ranges of `members`.
#pragma omp parallel for schedule(static)
  for (std::int64_t k = 0; k < static_cast<std::int64_t>(m); ++k)
    key[k] = cell_key(model.slots[k].source, static_cast<std::uint64_t>(g.edges.type[model.edge[k]]), model.slots[k].band, 1);
  model.members = sorted_order(key);
  for_each_run(model.members, key, [&](std::uint32_t begin, std::uint32_t size) {
    for (std::uint32_t k = begin; k < begin + size; ++k) model.slots[model.members[k]].group[2] = {begin, size};
  });
  return model;
}

struct UnitCounts {
  std::int64_t total = 0, vertical = 0, horizontal = 0;
};

// Adds sign times the link s -> t to its unit's counts when it is internal.
inline void account(std::vector<UnitCounts>& counts, const NodeRecord& s, const NodeRecord& t, int sign) {
  if (s.unit < 0 || s.unit != t.unit) return;
  UnitCounts& c = counts[s.unit];
  c.total += sign;
  if (s.stage >= 0 && t.stage >= 0) (s.stage == t.stage ? c.horizontal : c.vertical) += sign;
}

// One Markov chain over the slots' targets. Proposals (i, j) do not depend on the state (only
// on the slots' fixed groups and the attempt's index), so they are drawn ahead and their
// memory prefetched in stages,
// kStep attempts apart: draw i; draw j's position (and, for kernel 2, read `members`); read
// the partner's slot; then the four endpoints' node records. The swap itself is decided when
// its turn comes, on the current targets. The draws follow one fixed sequence, so a chain is a
// pure function of its seed and the attempt counts asked of it.
class SwapChain {
 public:
  /// A chain from `start` (a target per slot: the observed graph or a burn-in chain's state).
  SwapChain(const SwapModel& model, std::uint64_t seed, const HugePageVector<NodeId>& start)
      : model_(model), rng_(seed), target_(start) {
    if (model_.size() < 2) return;
    for (std::int64_t t = -kLead; t < 0; ++t) prepare(t);
  }

  /// `attempts` swap attempts; on_swap(a, b, c, d) sees each accepted swap of (a->b), (c->d)
  /// into (a->d), (c->b) before it is applied. Returns the number accepted.
  template <typename OnSwap>
  std::uint64_t run(std::uint64_t attempts, OnSwap&& on_swap) {
    if (model_.size() < 2) return 0;
    std::uint64_t accepted = 0;
    for (std::uint64_t s = 0; s < attempts; ++s, ++next_) {
      prepare(next_);
      accepted += attempt(ring_[next_ & kMask], on_swap);
    }
    return accepted;
  }

  const HugePageVector<NodeId>& target() const { return target_; }

 private:
  static constexpr std::int64_t kStep = 8, kLead = 4 * kStep, kRing = 64, kMask = kRing - 1, kBlock = 64;
  static_assert(kRing > kLead);

  struct Proposal {
    std::uint64_t i = 0, j = 0;  // j: a position in `members` until stage 2 resolves it (kernel 2)
    int kernel = 0;
  };

  // The distance null's kernel of an attempt: a fixed cycle of blocks of kBlock attempts, one
  // block in eight of kernel 0 and the others alternating grids 0 and 1 (a systematic scan:
  // every kernel keeps the uniform distribution invariant, so any fixed sequence of them does;
  // blocks keep the branches predictable).
  static int kernel_of(std::int64_t attempt) {
    const auto block = static_cast<std::uint64_t>(attempt) / kBlock;
    return block % 8 == 0 ? 0 : 1 + static_cast<int>(block % 2);
  }

  // Stages for the attempts kStep, 2 kStep, 3 kStep and 4 kStep ahead of attempt t.
  void prepare(std::int64_t t) {
    const HugePageVector<Slot>& slots = model_.slots;
    {  // draw i
      Proposal& p = ring_[(t + kLead) & kMask];
      p.i = rng_.below(model_.size());
      __builtin_prefetch(&slots[p.i]);
      __builtin_prefetch(&target_[p.i], 1);
    }
    if (t + 3 * kStep >= 0) {  // draw j's position within a group of i
      Proposal& p = ring_[(t + 3 * kStep) & kMask];
      const Slot& si = slots[p.i];
      p.kernel = model_.distance ? kernel_of(t + 3 * kStep) : 0;
      const Group& group = si.group[p.kernel];
      p.j = group.begin + rng_.below(group.size);
      if (p.kernel == 2) {
        __builtin_prefetch(&model_.members[p.j]);
      } else {
        __builtin_prefetch(&slots[p.j]);
        __builtin_prefetch(&target_[p.j], 1);
      }
      __builtin_prefetch(&model_.nodes[si.source]);
      __builtin_prefetch(&model_.nodes[target_[p.i]]);
    }
    if (t + 2 * kStep >= 0) {  // resolve a grid-1 partner
      Proposal& p = ring_[(t + 2 * kStep) & kMask];
      if (p.kernel == 2) {
        p.j = model_.members[p.j];
        __builtin_prefetch(&slots[p.j]);
        __builtin_prefetch(&target_[p.j], 1);
      }
    }
    if (t + kStep >= 0) {  // the partner's endpoints
      const Proposal& p = ring_[(t + kStep) & kMask];
      __builtin_prefetch(&model_.nodes[slots[p.j].source]);
      __builtin_prefetch(&model_.nodes[target_[p.j]]);
    }
  }

  template <typename OnSwap>
  bool attempt(const Proposal& p, OnSwap& on_swap) {
    const std::uint64_t i = p.i, j = p.j;
    if (i == j) return false;
    const Slot &si = model_.slots[i], &sj = model_.slots[j];
    const NodeId a = si.source, b = target_[i], c = sj.source, d = target_[j];
    if (a == d || c == b || b == d) return false;
    const NodeRecord &na = model_.nodes[a], &nb = model_.nodes[b], &nc = model_.nodes[c], &nd = model_.nodes[d];
    if (model_.distance && !(model_.keeps_band(na, nd, si.band) && model_.keeps_band(nc, nb, sj.band))) return false;
    on_swap(na, nb, nc, nd);
    target_[i] = d;
    target_[j] = b;
    return true;
  }

  const SwapModel& model_;
  Rng rng_;
  HugePageVector<NodeId> target_;
  std::array<Proposal, kRing> ring_{};
  std::int64_t next_ = 0;  // the next attempt to execute
};

void validate(const NullOptions& options) {
  if (!(options.spacing_swaps >= 0)) throw UsageError("spacing swaps must be >= 0 (0 = automatic)");
  if (options.replicates < 1) throw UsageError("--null-models must be >= 1");
  if (options.chains < 1) throw UsageError("--chains must be >= 1");
  if (!(options.burn_in_swaps >= 0)) throw UsageError("burn-in swaps must be >= 0");
  if (options.distance_bands < 0) throw UsageError("--distance-bands must be >= 0");
}

// The burn-in chains' seeds come from a stream of their own, apart from the sampling chains'.
constexpr std::uint64_t kBurnInStream = 0x6275726e2d696eULL;

struct Schedule {
  int chains, burn_in_chains;
  double spacing_swaps;
  std::uint64_t burn_in, spacing;
};

Schedule schedule(const NullOptions& options, std::size_t m) {
  const int chains = std::min(options.chains, options.replicates);
  const double spacing = options.spacing_swaps > 0 ? options.spacing_swaps : automatic_spacing(m);
  return {chains, std::min(2, chains), spacing,
          static_cast<std::uint64_t>(options.burn_in_swaps * static_cast<double>(m)),
          static_cast<std::uint64_t>(std::max(1.0, spacing * static_cast<double>(m)))};
}

// The state every sampling chain starts from: chain c continues burn-in chain c mod B.
struct BurnedIn {
  HugePageVector<NodeId> target;
  std::vector<UnitCounts> counts;
  std::uint64_t accepted = 0;
};

void summarise(NullStatistic& s, std::size_t unit_count, int chains) {
  const double replicates = static_cast<double>(s.samples.size());
  s.mean.assign(unit_count, 0);
  s.sd.assign(unit_count, 0);
  s.at_least.assign(unit_count, 0);
  for (std::size_t u = 0; u < unit_count; ++u) {
    double sum = 0, sum_sq = 0;
    for (const auto& sample : s.samples) {
      const double x = sample[u];
      sum += x;
      sum_sq += x * x;
      s.at_least[u] += sample[u] >= s.observed[u];
    }
    s.mean[u] = sum / replicates;
    s.sd[u] = replicates > 1 ? std::sqrt(std::max(0.0, (sum_sq - sum * sum / replicates) / (replicates - 1))) : 0.0;
  }
  s.effective.assign(unit_count, 0);
  std::vector<double> series(s.samples.size());
  for (std::size_t u = 0; u < unit_count; ++u) {
    for (std::size_t r = 0; r < s.samples.size(); ++r) series[r] = s.samples[r][u];
    s.effective[u] = effective_sample_size(series, chains);
  }
}

// Accounts the swap (a->b), (c->d) => (a->d), (c->b) in `counts`. O(1).
void account_swap(std::vector<UnitCounts>& counts, const NodeRecord& a, const NodeRecord& b, const NodeRecord& c,
                  const NodeRecord& d) {
  account(counts, a, b, -1);
  account(counts, c, d, -1);
  account(counts, a, d, +1);
  account(counts, c, b, +1);
}

// Runs the B burn-in chains from the observed graph, in parallel. O(B burn_in).
std::vector<BurnedIn> burn_in(const SwapModel& model, const Schedule& plan, std::uint64_t seed,
                              const std::vector<UnitCounts>& observed) {
  std::vector<BurnedIn> states(plan.burn_in_chains);
#pragma omp parallel for schedule(static, 1)
  for (int b = 0; b < plan.burn_in_chains; ++b) {
    SwapChain chain(model, derive_seed(derive_seed(seed, kBurnInStream), static_cast<std::uint64_t>(b)), model.target);
    std::vector<UnitCounts> counts = observed;
    states[b].accepted = chain.run(plan.burn_in, [&](const NodeRecord& a, const NodeRecord& bb, const NodeRecord& c,
                                                     const NodeRecord& d) { account_swap(counts, a, bb, c, d); });
    states[b].target = chain.target();
    states[b].counts = std::move(counts);
  }
  return states;
}

}  // namespace

double automatic_spacing(std::uint64_t links) {
  if (links == 0) return 1.0;
  return std::min(1.0, std::max(kMinimumSpacing, kFullSpacingLinks / static_cast<double>(links)));
}

std::uint32_t DistanceBands::band_of(const Graph& graph, NodeId u, NodeId v) const {
  return band_of_chord(*this, chord_squared(node_vector(graph, u), node_vector(graph, v)));
}

std::vector<std::uint64_t> internal_edge_counts(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                                std::size_t unit_count) {
  std::vector<std::uint64_t> counts(unit_count, 0);
  for (NodeId u = 0; u < view.node_count(); ++u) {
    const std::int64_t unit = unit_of[u];
    if (unit < 0 || !view.contains(u)) continue;
    view.for_out_edges(u, [&](NodeId v, EdgeId, double) {
      if (unit_of[v] == unit) ++counts[unit];
    });
  }
  return counts;
}

std::vector<double> configuration_expectation(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                              std::size_t unit_count) {
  const Graph& g = view.graph();
  using PerType = std::array<double, kRelationTypeCount>;
  std::vector<PerType> out_sum(unit_count, PerType{}), in_sum(unit_count, PerType{}), self(unit_count, PerType{});
  PerType links{};
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (!view.contains(u)) continue;
    PerType kout{}, kin{};
    view.for_out_edges(u, [&](NodeId, EdgeId e, double) { ++kout[static_cast<std::size_t>(g.edges.type[e])]; });
    const std::int64_t unit = unit_of[u];
    for (std::size_t t = 0; t < kRelationTypeCount; ++t) links[t] += kout[t];
    if (unit < 0) continue;
    view.for_in_edges(u, [&](NodeId, EdgeId e, double) { ++kin[static_cast<std::size_t>(g.edges.type[e])]; });
    for (std::size_t t = 0; t < kRelationTypeCount; ++t) {
      out_sum[unit][t] += kout[t];
      in_sum[unit][t] += kin[t];
      self[unit][t] += kout[t] * kin[t];
    }
  }
  std::vector<double> expected(unit_count, 0.0);
  for (std::size_t c = 0; c < unit_count; ++c)
    for (std::size_t t = 0; t < kRelationTypeCount; ++t)
      if (links[t] > 0) expected[c] += (out_sum[c][t] * in_sum[c][t] - self[c][t]) / links[t];
  return expected;
}

NullDistribution sample_null(const GraphView& view, const std::vector<std::int64_t>& unit_of, std::size_t unit_count,
                             const NullOptions& options, const Progress& progress) {
  validate(options);
  const SwapModel model = build_model(view, &unit_of, options);
  const std::size_t m = model.size();
  const Schedule plan = schedule(options, m);

  std::vector<UnitCounts> observed(unit_count);
  for (std::size_t k = 0; k < m; ++k)
    account(observed, model.nodes[model.slots[k].source], model.nodes[model.target[k]], +1);
  NullDistribution result;
  result.bands = model.bands;
  result.chains = plan.chains;
  NullStatistic* statistics[] = {&result, &result.vertical, &result.horizontal};
  for (NullStatistic* s : statistics) {
    s->observed.resize(unit_count);
    s->samples.assign(options.replicates, std::vector<std::uint32_t>(unit_count, 0));
  }
  for (std::size_t u = 0; u < unit_count; ++u) {
    result.observed[u] = observed[u].total;
    result.vertical.observed[u] = observed[u].vertical;
    result.horizontal.observed[u] = observed[u].horizontal;
  }

  progress.report("null burn-in", 0.0);
  const std::vector<BurnedIn> start = burn_in(model, plan, options.seed, observed);
  std::vector<std::uint64_t> accepted(plan.chains, 0);
  std::atomic<int> done{0};
  // Chain c always starts from the same seed; in a process group (firmnet-mpi) each process
  // runs the chains c mod size == rank and the replicates are exchanged afterwards.
#pragma omp parallel for schedule(dynamic, 1)
  for (int c = 0; c < plan.chains; ++c) {
    if (!runs_replicate(static_cast<std::size_t>(c))) continue;
    const BurnedIn& from = start[c % plan.burn_in_chains];
    SwapChain chain(model, derive_seed(options.seed, static_cast<std::uint64_t>(c)), from.target);
    std::vector<UnitCounts> counts = from.counts;
    auto update = [&](const NodeRecord& a, const NodeRecord& b, const NodeRecord& cc, const NodeRecord& d) {
      account_swap(counts, a, b, cc, d);
    };
    std::uint64_t accepted_here = 0;
    for (int r = c; r < options.replicates; r += plan.chains) {
      accepted_here += chain.run(plan.spacing, update);
      for (std::size_t u = 0; u < unit_count; ++u) {
        result.samples[r][u] = static_cast<std::uint32_t>(counts[u].total);
        result.vertical.samples[r][u] = static_cast<std::uint32_t>(counts[u].vertical);
        result.horizontal.samples[r][u] = static_cast<std::uint32_t>(counts[u].horizontal);
      }
      const int finished = ++done;
      if (omp_get_thread_num() == 0) progress.report("null replicates", static_cast<double>(finished) / options.replicates);
    }
    accepted[c] = accepted_here;
  }
  progress.report("null replicates", 1.0);
  if (process_group()) {
    std::vector<std::vector<std::uint8_t>> records(static_cast<std::size_t>(plan.chains));
    for (int c = 0; c < plan.chains; ++c) {
      if (!runs_replicate(static_cast<std::size_t>(c))) continue;
      auto& record = records[static_cast<std::size_t>(c)];
      append_bytes(record, &accepted[static_cast<std::size_t>(c)], 1);
      for (int r = c; r < options.replicates; r += plan.chains)
        for (NullStatistic* s : statistics) append_bytes(record, s->samples[r].data(), unit_count);
    }
    share_replicates(records);
    for (int c = 0; c < plan.chains; ++c) {
      const auto& record = records[static_cast<std::size_t>(c)];
      std::size_t at = 0;
      read_bytes(record, at, &accepted[static_cast<std::size_t>(c)], 1);
      for (int r = c; r < options.replicates; r += plan.chains)
        for (NullStatistic* s : statistics) read_bytes(record, at, s->samples[r].data(), unit_count);
    }
  }

  for (NullStatistic* s : statistics) summarise(*s, unit_count, plan.chains);
  const double attempts =
      static_cast<double>(m < 2 ? 0 : plan.burn_in * plan.burn_in_chains + plan.spacing * options.replicates);
  double accepted_all = std::accumulate(accepted.begin(), accepted.end(), 0.0);
  for (const BurnedIn& b : start) accepted_all += static_cast<double>(b.accepted);
  result.acceptance = attempts > 0 ? accepted_all / attempts : 0.0;
  result.attempts = attempts;
  result.burn_in_chains = plan.burn_in_chains;
  result.spacing_swaps = plan.spacing_swaps;
  return result;
}

std::vector<RewiredEdge> rewired_edges(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                       const NullOptions& options, int replicate) {
  validate(options);
  if (replicate < 0 || replicate >= options.replicates)
    throw UsageError("replicate " + std::to_string(replicate) + " outside [0, " + std::to_string(options.replicates) + ")");
  const SwapModel model = build_model(view, &unit_of, options);
  const Schedule plan = schedule(options, model.size());
  const int c = replicate % plan.chains;
  const int b = c % plan.burn_in_chains;
  auto ignore = [](const NodeRecord&, const NodeRecord&, const NodeRecord&, const NodeRecord&) {};
  SwapChain burn(model, derive_seed(derive_seed(options.seed, kBurnInStream), static_cast<std::uint64_t>(b)),
                 model.target);
  burn.run(plan.burn_in, ignore);
  SwapChain chain(model, derive_seed(options.seed, static_cast<std::uint64_t>(c)), burn.target());
  for (int r = c; r <= replicate; r += plan.chains) chain.run(plan.spacing, ignore);
  const HugePageVector<NodeId>& target = chain.target();
  std::vector<RewiredEdge> edges(model.size());
  for (std::size_t k = 0; k < model.size(); ++k) edges[k] = {model.edge[k], model.slots[k].source, target[k]};
  std::sort(edges.begin(), edges.end(), [](const RewiredEdge& x, const RewiredEdge& y) { return x.edge < y.edge; });
  return edges;
}

}  // namespace firmnet::spatial
