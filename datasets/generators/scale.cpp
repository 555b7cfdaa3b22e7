#include "datasets/generators/scale.hpp"

#include <omp.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

#include "datasets/generators/lfr.hpp"
#include "graph/random.hpp"
#include "graph/errors.hpp"

namespace firmnet::generators {

namespace {

// GB/T 4754 manufacturing and service divisions used as industry codes.
constexpr std::array<const char*, 16> kIndustries = {"C13", "C14", "C17", "C18", "C19", "C21", "C22", "C26",
                                                     "C29", "C33", "C34", "C35", "C36", "C38", "C39", "F51"};
constexpr std::array<const char*, 4> kStages = {"upstream", "midstream", "downstream", "services"};
constexpr std::array<const char*, 4> kOwnership = {"private", "state", "foreign", "collective"};
constexpr double kDominantIndustryShare = 0.7;
constexpr std::uint64_t kLinkStream = 0x5ca1ab1e0000000ULL;
constexpr std::uint64_t kCommunityStream = 0xc0117e0000000000ULL;

// Contiguous blocks of node indices: regions, and communities inside regions.
struct Layout {
  std::vector<std::uint64_t> region_start;     // R + 1
  std::vector<std::uint64_t> community_start;  // C + 1
  std::vector<std::uint32_t> community_region;
  std::vector<std::uint32_t> node_community;
};

Layout make_layout(const ScaleParameters& p, std::uint64_t regions) {
  Layout layout;
  const std::uint64_t n = p.firms;
  layout.region_start.push_back(0);
  layout.community_start.push_back(0);
  for (std::uint64_t r = 0; r < regions; ++r) {
    const std::uint64_t size = n / regions + (r < n % regions ? 1 : 0);
    const std::uint64_t start = layout.region_start.back();
    const std::uint64_t communities = std::max<std::uint64_t>(1, (size + p.community_size / 2) / p.community_size);
    for (std::uint64_t c = 0; c < communities; ++c) {
      layout.community_start.push_back(start + size * (c + 1) / communities);
      layout.community_region.push_back(static_cast<std::uint32_t>(r));
    }
    layout.region_start.push_back(start + size);
  }
  layout.node_community.resize(n);
  for (std::size_t c = 0; c + 1 < layout.community_start.size(); ++c)
    std::fill(layout.node_community.begin() + static_cast<std::ptrdiff_t>(layout.community_start[c]),
              layout.node_community.begin() + static_cast<std::ptrdiff_t>(layout.community_start[c + 1]),
              static_cast<std::uint32_t>(c));
  return layout;
}

std::uint32_t effective_max_degree(const ScaleParameters& p) {
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(p.max_degree, p.firms / 4));
}

// Region centres on a grid over eastern China; park centres near their region's centre.
struct Geography {
  std::vector<double> region_lat, region_lon, park_lat, park_lon;  // parks: region-major
};

Geography make_geography(const ScaleParameters& p, std::uint64_t regions) {
  Geography geo;
  const auto side = static_cast<std::uint64_t>(std::ceil(std::sqrt(static_cast<double>(regions))));
  Rng rng(derive_seed(p.seed, ~std::uint64_t{0}));
  for (std::uint64_t r = 0; r < regions; ++r) {
    const double lat = 22.0 + 18.0 * (static_cast<double>(r / side) + 0.5) / static_cast<double>(side);
    const double lon = 104.0 + 18.0 * (static_cast<double>(r % side) + 0.5) / static_cast<double>(side);
    geo.region_lat.push_back(lat);
    geo.region_lon.push_back(lon);
    for (std::uint32_t k = 0; k < p.parks_per_region; ++k) {
      geo.park_lat.push_back(lat + rng.normal(0, 0.08));
      geo.park_lon.push_back(lon + rng.normal(0, 0.08));
    }
  }
  return geo;
}

// Log-normal(0, 1.2) trade values as an empirical quantile table: one table lookup per link
// instead of four transcendental calls, which matters at 10^7 links.
class WeightTable {
 public:
  explicit WeightTable(std::uint64_t seed) {
    Rng rng(seed);
    for (auto& w : values_) w = std::max(0.01, std::round(rng.lognormal(0.0, 1.2) * 100) / 100);
    std::sort(values_.begin(), values_.end());
  }
  double draw(Rng& rng) const { return values_[rng.next() >> (64 - kBits)]; }

 private:
  static constexpr int kBits = 12;
  std::array<double, std::size_t{1} << kBits> values_{};
};

// Builds the in-adjacency in parallel: each thread counts the in-edges of its contiguous range
// of sources, so the slots of every target stay in source order (the same arrays as
// Graph::build_in_adjacency). O(n x threads + m).
void build_in_adjacency_parallel(Graph& g) {
  const std::uint64_t n = g.node_count();
  const EdgeId m = g.edge_count();
  const int threads = omp_get_max_threads();
  std::vector<std::vector<EdgeId>> counts(static_cast<std::size_t>(threads), std::vector<EdgeId>(n, 0));
  auto range = [&](int t) {
    // Source ranges balanced by edge count.
    auto begin = std::lower_bound(g.out_offsets.begin(), g.out_offsets.end(), m * t / threads);
    auto end = std::lower_bound(g.out_offsets.begin(), g.out_offsets.end(), m * (t + 1) / threads);
    return std::pair<std::uint64_t, std::uint64_t>(begin - g.out_offsets.begin(),
                                                   t + 1 == threads ? n : end - g.out_offsets.begin());
  };
#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num();
    const auto [first, last] = range(t);
    auto& count = counts[static_cast<std::size_t>(t)];
    for (EdgeId e = g.out_offsets[first]; e < g.out_offsets[last]; ++e) ++count[g.out_target[e]];
  }
  g.in_offsets.assign(n + 1, 0);
  for (std::uint64_t v = 0; v < n; ++v) {
    EdgeId running = g.in_offsets[v];
    for (auto& count : counts) {
      const EdgeId c = count[v];
      count[v] = running;  // becomes this thread's next slot for v
      running += c;
    }
    g.in_offsets[v + 1] = running;
  }
  g.in_source.resize(m);
  g.in_edge.resize(m);
#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num();
    const auto [first, last] = range(t);
    auto& next = counts[static_cast<std::size_t>(t)];
    for (std::uint64_t u = first; u < last; ++u)
      for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) {
        const EdgeId slot = next[g.out_target[e]]++;
        g.in_source[slot] = static_cast<NodeId>(u);
        g.in_edge[slot] = e;
      }
  }
}

StringColumn fixed_dictionary(std::size_t rows, std::vector<std::string> dictionary) {
  StringColumn column;
  column.codes.assign(rows, kMissingCode);
  column.dictionary = std::move(dictionary);
  return column;
}

}  // namespace

void validate(const ScaleParameters& p) {
  auto require = [](bool ok, const char* message) {
    if (!ok) throw UsageError(std::string("scale: ") + message);
  };
  require(p.firms >= 100 && p.firms < (std::uint64_t{1} << 32) - 1, "--firms must be in [100, 2^32 - 1)");
  require(p.links >= p.firms, "--links must be >= --firms");
  require(p.links <= p.firms * static_cast<std::uint64_t>(effective_max_degree(p)) / 2,
          "--links must be <= firms x max degree / 2");
  require(p.community_size >= 10, "--community-size must be >= 10");
  require(p.popularity > 1, "--popularity must be > 1");
  require(p.tau > 1, "--tau must be > 1");
  require(p.mu >= 0 && p.mu <= 1, "--mu must be in [0, 1]");
  require(p.park_share >= 0 && p.park_share <= 1, "--park-share must be in [0, 1]");
  require(p.parks_per_region >= 1, "--parks-per-region must be >= 1");
}

GeneratedNetwork generate_scale(const ScaleParameters& p, const Progress& progress) {
  validate(p);
  const std::uint64_t n = p.firms;
  const std::uint64_t regions = p.regions ? std::min(p.regions, n / 10) : std::max<std::uint64_t>(1, n / 20000);
  const Layout layout = make_layout(p, regions);
  const Geography geo = make_geography(p, regions);
  const std::uint32_t max_degree = effective_max_degree(p);
  const LfrDegreeLaw law = [&] {
    try {
      return LfrDegreeLaw(static_cast<double>(p.links) / static_cast<double>(n), max_degree, p.tau);
    } catch (const UsageError&) {
      throw UsageError("scale: links per firm too low for a power law with this --tau; raise --links or --tau");
    }
  }();

  // Node table: fixed dictionaries, codes written in parallel from each firm's own stream.
  progress.report("scale: firms", 0.0);
  NodeTable nodes;
  nodes.id.reserve(n, n * 8);
  nodes.name.reserve(n, 0);
  char id[24] = "S";
  for (std::uint64_t u = 0; u < n; ++u) {
    // "S" + at least 7 digits, without printf's per-call parsing.
    char digits[20];
    int length = 0;
    for (std::uint64_t x = u + 1; x > 0 || length < 7; x /= 10) digits[length++] = static_cast<char>('0' + x % 10);
    for (int k = 0; k < length; ++k) id[1 + k] = digits[length - 1 - k];
    nodes.id.push_back(std::string_view(id, static_cast<std::size_t>(length) + 1));
    nodes.name.push_back("");
  }
  nodes.kind.assign(n, NodeKind::firm);
  nodes.industry = fixed_dictionary(n, {kIndustries.begin(), kIndustries.end()});
  nodes.stage = fixed_dictionary(n, {kStages.begin(), kStages.end()});
  nodes.ownership = fixed_dictionary(n, {kOwnership.begin(), kOwnership.end()});
  std::vector<std::string> region_names, park_names;
  for (std::uint64_t r = 0; r < regions; ++r) {
    char name[32];
    std::snprintf(name, sizeof name, "R%04llu", static_cast<unsigned long long>(r + 1));
    region_names.emplace_back(name);
    for (std::uint32_t k = 0; k < p.parks_per_region; ++k) park_names.push_back(region_names.back() + "-P" + std::to_string(k + 1));
  }
  nodes.region = fixed_dictionary(n, region_names);
  nodes.park = fixed_dictionary(n, park_names);
  nodes.lat.resize(n);
  nodes.lon.resize(n);
  nodes.employees.resize(n);
  nodes.revenue.resize(n);
  nodes.founded.resize(n);
  nodes.closed.assign(n, 0);
  std::vector<std::int32_t> dominant_industry(layout.community_region.size());
  for (std::size_t c = 0; c < dominant_industry.size(); ++c)
    dominant_industry[c] =
        static_cast<std::int32_t>(Rng(derive_seed(p.seed ^ kCommunityStream, c)).below(kIndustries.size()));
  std::vector<EdgeId> degree(n);
  const auto signed_n = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < signed_n; ++i) {
    const auto u = static_cast<std::uint64_t>(i);
    Rng rng(derive_seed(p.seed, u));
    degree[u] = static_cast<EdgeId>(law.draw(rng));
    const std::uint32_t community = layout.node_community[u];
    const std::uint32_t region = layout.community_region[community];
    nodes.industry.codes[u] = rng.bernoulli(kDominantIndustryShare)
                                  ? dominant_industry[community]
                                  : static_cast<std::int32_t>(rng.below(kIndustries.size()));
    nodes.stage.codes[u] = static_cast<std::int32_t>(rng.below(kStages.size()));
    nodes.region.codes[u] = static_cast<std::int32_t>(region);
    if (rng.bernoulli(p.park_share)) {
      const std::uint64_t park = region * std::uint64_t{p.parks_per_region} + rng.below(p.parks_per_region);
      nodes.park.codes[u] = static_cast<std::int32_t>(park);
      nodes.lat[u] = geo.park_lat[park] + rng.normal(0, 0.003);
      nodes.lon[u] = geo.park_lon[park] + rng.normal(0, 0.003);
    } else {
      nodes.lat[u] = geo.region_lat[region] + rng.normal(0, 0.15);
      nodes.lon[u] = geo.region_lon[region] + rng.normal(0, 0.15);
    }
    nodes.lat[u] = std::round(nodes.lat[u] * 1e6) / 1e6;  // about 0.1 m
    nodes.lon[u] = std::round(nodes.lon[u] * 1e6) / 1e6;
    nodes.employees[u] = std::max(1.0, std::round(rng.lognormal(std::log(12.0), 1.3)));
    nodes.revenue[u] = std::round(nodes.employees[u] * rng.lognormal(std::log(50.0), 0.6) * 10) / 10;
    nodes.founded[u] = static_cast<std::int32_t>(rng.between(1980, 2023));
    const double r = rng.uniform();
    nodes.ownership.codes[u] = r < 0.80 ? 0 : r < 0.86 ? 1 : r < 0.94 ? 2 : 3;
  }

  // Exact total: +-1 on pseudo-random firms until the degrees sum to `links`.
  std::int64_t difference = static_cast<std::int64_t>(p.links) -
                            static_cast<std::int64_t>(std::accumulate(degree.begin(), degree.end(), EdgeId{0}));
  Rng adjust(derive_seed(p.seed, n + 1));
  while (difference != 0) {
    EdgeId& d = degree[adjust.below(n)];
    if (difference > 0 && d < max_degree) ++d, --difference;
    else if (difference < 0 && d > 1) --d, ++difference;
  }

  Graph g;
  g.out_offsets.assign(n + 1, 0);
  std::partial_sum(degree.begin(), degree.end(), g.out_offsets.begin() + 1);
  const EdgeId m = g.out_offsets[n];
  g.out_target.resize(m);
  g.edges.type.resize(m);
  g.edges.weight.resize(m);
  g.edges.year.resize(m);
  progress.report("scale: links", 0.2);
  const WeightTable weights(derive_seed(p.seed, n + 2));
  const bool square_popularity = p.popularity == 2.0;

#pragma omp parallel
  {
    std::vector<std::uint8_t> taken(n, 0);  // marks this firm's targets so far
#pragma omp for schedule(dynamic, 2048)
    for (std::int64_t i = 0; i < signed_n; ++i) {
      const auto u = static_cast<std::uint64_t>(i);
      Rng rng(derive_seed(p.seed ^ kLinkStream, u));
      const std::uint32_t community = layout.node_community[u];
      const std::uint32_t region = layout.community_region[community];
      NodeId* row = g.out_target.data() + g.out_offsets[u];
      const EdgeId want = degree[u];
      taken[u] = 1;  // no self-loops
      int misses = 0;
      for (EdgeId filled = 0; filled < want;) {
        std::uint64_t start, size;
        const double scope = rng.uniform();
        if (misses < 16 && scope < 1 - p.mu) {
          start = layout.community_start[community];
          size = layout.community_start[community + 1] - start;
        } else if (misses < 16 && scope < 1 - p.mu / 2) {
          start = layout.region_start[region];
          size = layout.region_start[region + 1] - start;
        } else {
          const std::uint32_t other = layout.community_region[layout.node_community[rng.below(n)]];
          start = layout.region_start[other];
          size = layout.region_start[other + 1] - start;
        }
        const double x = rng.uniform();
        const double position = square_popularity ? x * x : std::pow(x, p.popularity);
        const auto offset = std::min(size - 1, static_cast<std::uint64_t>(static_cast<double>(size) * position));
        const std::uint64_t v = start + offset;
        if (taken[v]) {
          ++misses;
          continue;
        }
        taken[v] = 1;
        misses = 0;
        row[filled++] = static_cast<NodeId>(v);
      }
      taken[u] = 0;
      for (EdgeId k = 0; k < want; ++k) taken[row[k]] = 0;
      std::sort(row, row + want);
      for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) {
        const double t = rng.uniform();
        g.edges.type[e] = t < 0.80   ? RelationType::supply
                          : t < 0.85 ? RelationType::subcontract
                          : t < 0.93 ? RelationType::service
                          : t < 0.97 ? RelationType::cooperation
                                     : RelationType::finance;
        g.edges.weight[e] = weights.draw(rng);
        g.edges.year[e] = static_cast<std::int16_t>(2016 + rng.below(8));
      }
    }
  }
  progress.report("scale: in-adjacency", 0.8);
  g.nodes = std::move(nodes);
  build_in_adjacency_parallel(g);

  GeneratedNetwork out;
  Int64Column community(n);
  for (std::uint64_t u = 0; u < n; ++u) community[u] = layout.node_community[u] + 1;
  TruthTable truth{"nodes", true, {}};
  truth.columns.push_back({"community", std::move(community)});
  truth.columns.push_back({"region", g.nodes.region});
  out.truth.push_back(std::move(truth));
  out.graph = std::move(g);
  out.parameters = {{"firms", std::to_string(p.firms)},
                    {"links", std::to_string(p.links)},
                    {"regions", std::to_string(regions)},
                    {"community_size", std::to_string(p.community_size)},
                    {"max_degree", std::to_string(max_degree)},
                    {"tau", parameter_text(p.tau)},
                    {"popularity", parameter_text(p.popularity)},
                    {"mu", parameter_text(p.mu)},
                    {"park_share", parameter_text(p.park_share)},
                    {"parks_per_region", std::to_string(p.parks_per_region)},
                    {"seed", std::to_string(p.seed)}};
  progress.report("scale: done", 1.0);
  return out;
}

}  // namespace firmnet::generators
