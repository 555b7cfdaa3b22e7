// Deterrence function fit, sites and null interaction; formulas, references and costs in
// deterrence_function.hpp.
#include "algorithms/community/deterrence_function.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <tuple>

#include "graph/geo_distance.hpp"
#include "graph/errors.hpp"
#include "graph/parallel_sort.hpp"

namespace firmnet::community {

namespace {

constexpr double kKmPerDegree = std::numbers::pi * kEarthRadiusKm / 180.0;
constexpr double kLadderStartKm = 0.01;
constexpr int kLadderSteps = 4 * 22;     // 0.01 km * 2^22 is beyond any distance on Earth
constexpr std::uint32_t kRowBlock = 64;  // site rows per task of the pair-mass loop

bool located(Coordinates c, std::size_t i) { return std::isfinite(c.lat[i]) && std::isfinite(c.lon[i]); }

/// Grid key of a located node: latitude row, then column within the row.
std::pair<std::int64_t, std::int64_t> cell_key(double lat, double lon, double cell_km) {
  const double row = std::floor(lat * kKmPerDegree / cell_km);
  const double centre = (row + 0.5) * cell_km / kKmPerDegree;
  const double column_km = kKmPerDegree * std::max(std::cos(centre * std::numbers::pi / 180.0), 1e-9);
  return {static_cast<std::int64_t>(row), static_cast<std::int64_t>(std::floor(lon * column_km / cell_km))};
}

void check_sizes(Coordinates c, std::size_t n) {
  if (c.lat.size() != n || c.lon.size() != n) throw UsageError("coordinates differ in size from the graph");
}

/// Located nodes sorted by site key (the location itself, or the grid cell), ties by node.
std::vector<NodeId> nodes_by_key(Coordinates c, double cell_km, std::vector<std::pair<double, double>>& key) {
  const std::size_t n = c.lat.size();
  key.assign(n, {0.0, 0.0});
  std::vector<NodeId> order;
  for (NodeId i = 0; i < n; ++i) {
    if (!located(c, i)) continue;
    if (cell_km > 0) {
      const auto [row, column] = cell_key(c.lat[i], c.lon[i], cell_km);
      key[i] = {static_cast<double>(row), static_cast<double>(column)};
    } else {
      key[i] = {c.lat[i], c.lon[i]};
    }
    order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](NodeId a, NodeId b) { return std::tie(key[a], a) < std::tie(key[b], b); });
  return order;
}

std::size_t distinct_keys(Coordinates c, double cell_km) {
  std::vector<std::pair<double, double>> key;
  const std::vector<NodeId> order = nodes_by_key(c, cell_km, key);
  std::size_t count = 0;
  for (std::size_t k = 0; k < order.size(); ++k) count += k == 0 || key[order[k]] != key[order[k - 1]];
  return count;
}

double ladder_km(int step) { return kLadderStartKm * std::exp2(step / 4.0); }

/// Bin edges (km, without the leading 0) from the located link distances given as squared
/// chords, sorted ascending.
std::vector<double> bin_edges(const std::vector<double>& link_chord2, DistanceBinning binning, int bins) {
  std::vector<double> edges;
  const std::size_t count = link_chord2.size();
  if (count == 0 || bins <= 1) return edges;
  if (binning == DistanceBinning::log_spaced) {
    const auto positive = std::upper_bound(link_chord2.begin(), link_chord2.end(), 0.0);
    if (positive == link_chord2.end()) return edges;
    const double lo = chord_squared_to_km(*positive), hi = chord_squared_to_km(link_chord2.back());
    if (!(hi > lo * (1 + 1e-9))) return edges;
    for (int k = 1; k < bins; ++k) edges.push_back(lo * std::pow(hi / lo, static_cast<double>(k) / bins));
  } else {
    for (int k = 1; k < bins; ++k) {
      const std::size_t rank = count * static_cast<std::size_t>(k) / static_cast<std::size_t>(bins);
      if (rank == 0) continue;
      const double below = link_chord2[rank - 1];
      const auto above = std::upper_bound(link_chord2.begin(), link_chord2.end(), below);
      if (above == link_chord2.end()) break;
      // Half-way between two distinct link distances: no link sits on the edge.
      edges.push_back((chord_squared_to_km(below) + chord_squared_to_km(*above)) / 2);
    }
  }
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  edges.erase(std::remove_if(edges.begin(), edges.end(), [](double e) { return !(e > 0); }), edges.end());
  return edges;
}

}  // namespace

LocationSites locate_sites(Coordinates coordinates, double cell_km) {
  if (coordinates.lat.size() != coordinates.lon.size()) throw UsageError("lat and lon differ in size");
  if (!(cell_km >= 0) || !std::isfinite(cell_km)) throw UsageError("cell side must be >= 0");
  LocationSites sites;
  sites.cell_km = cell_km;
  sites.site_of.assign(coordinates.lat.size(), LocationSites::kUnlocated);
  std::vector<std::pair<double, double>> key;
  const std::vector<NodeId> order = nodes_by_key(coordinates, cell_km, key);
  UnitVector sum;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const NodeId i = order[k];
    if (k > 0 && key[i] != key[order[k - 1]]) {
      sites.position.push_back(sum);
      sum = {};
    }
    sites.site_of[i] = static_cast<std::uint32_t>(sites.position.size());
    const UnitVector u = unit_vector(coordinates.lat[i], coordinates.lon[i]);
    sum.x += u.x;
    sum.y += u.y;
    sum.z += u.z;
  }
  if (!order.empty()) sites.position.push_back(sum);
  for (auto& p : sites.position) {
    const double norm = std::sqrt(p.x * p.x + p.y * p.y + p.z * p.z);
    p = {p.x / norm, p.y / norm, p.z / norm};
  }
  if (cell_km > 0)
    for (NodeId i : order)
      sites.max_offset_km = std::max(sites.max_offset_km,
                                     chord_squared_to_km(chord_squared(unit_vector(coordinates.lat[i], coordinates.lon[i]),
                                                                    sites.position[sites.site_of[i]])));
  return sites;
}

LocationSites choose_sites(Coordinates coordinates, std::size_t max_sites) {
  if (max_sites < 4) throw UsageError("the site limit must be at least 4");
  if (distinct_keys(coordinates, 0.0) <= max_sites) return locate_sites(coordinates, 0.0);
  // Binary search on the ladder for a step that fits while the step below does not. The cell
  // count falls with the cell side, though not strictly (grids of different sides are not
  // nested). The top step fits: its cells split the Earth at most at the equator and the
  // prime meridian.
  int lo = 0, hi = kLadderSteps;
  while (lo < hi) {
    const int mid = (lo + hi) / 2;
    if (distinct_keys(coordinates, ladder_km(mid)) <= max_sites)
      hi = mid;
    else
      lo = mid + 1;
  }
  return locate_sites(coordinates, ladder_km(lo));
}

std::string_view binning_name(DistanceBinning binning) {
  return binning == DistanceBinning::equal_count ? "equal-count" : "log";
}

std::optional<DistanceBinning> parse_binning(std::string_view text) {
  if (text == "log") return DistanceBinning::log_spaced;
  if (text == "equal-count") return DistanceBinning::equal_count;
  return std::nullopt;
}

std::size_t DeterrenceFunction::bin_of(double distance_km) const {
  return static_cast<std::size_t>(std::upper_bound(lower_km.begin() + 1, lower_km.end(), distance_km) -
                                  lower_km.begin() - 1);
}

ChordBins::ChordBins(std::span<const double> lower_km) {
  std::size_t size = 1;
  while (size < lower_km.size()) size *= 2;
  edge_.assign(size, std::numeric_limits<double>::infinity());
  edge_[0] = 0.0;
  for (std::size_t b = 1; b < lower_km.size(); ++b) edge_[b] = km_to_chord_squared(lower_km[b]);
}

DeterrenceFunction fit_deterrence(const WeightedCsr& links, Coordinates coordinates,
                                  std::span<const double> out_importance, std::span<const double> in_importance,
                                  const DeterrenceOptions& options, const Progress& progress) {
  const NodeId n = links.node_count();
  check_sizes(coordinates, n);
  if (out_importance.size() != n || in_importance.size() != n)
    throw UsageError("importances differ in size from the graph");
  if (options.bins < 0 || options.bins > DeterrenceOptions::kMaxBins)
    throw UsageError("the number of distance bins must be in [0, " + std::to_string(DeterrenceOptions::kMaxBins) + "]");
  if (!options.lower_km.empty()) {
    const std::vector<double>& e = options.lower_km;
    bool increasing = e.front() == 0.0 && e.size() <= static_cast<std::size_t>(DeterrenceOptions::kMaxBins);
    for (std::size_t b = 1; b < e.size(); ++b) increasing = increasing && std::isfinite(e[b]) && e[b] > e[b - 1];
    if (!increasing) throw UsageError("explicit distance bins must start at 0 and increase (at most 64 bins)");
  }
  progress.report("deterrence", 0.0);
  const LocationSites sites = choose_sites(coordinates, options.max_sites);
  const std::size_t g = sites.size();

  DeterrenceFunction f;
  f.binning = options.binning;
  f.cell_km = sites.cell_km;
  f.sites = g;
  f.max_site_offset_km = sites.max_offset_km;

  // Located links by squared site chord; the rest is the unlocated class.
  std::vector<double> link_chord2;
  for (NodeId i = 0; i < n; ++i)
    for (EdgeId e = links.offsets[i]; e < links.offsets[i + 1]; ++e) {
      const std::uint32_t s = sites.site_of[i], t = sites.site_of[links.targets[e]];
      if (s == LocationSites::kUnlocated || t == LocationSites::kUnlocated) {
        f.unlocated_observed += links.weights[e];
      } else {
        link_chord2.push_back(chord_squared(sites.position[s], sites.position[t]));
      }
    }
  const std::size_t located_links = link_chord2.size();
  const int bins = options.bins > 0 ? options.bins
                   : located_links == 0
                       ? 1
                       : std::min(DeterrenceOptions::kMaxBins,
                                  static_cast<int>(std::ceil(std::log2(static_cast<double>(located_links)))) + 1);
  if (!options.lower_km.empty()) {
    f.lower_km = options.lower_km;
  } else {
    std::vector<double> sorted = link_chord2;
    parallel_sort(sorted.begin(), sorted.end());
    f.lower_km = bin_edges(sorted, options.binning, bins);
    f.lower_km.insert(f.lower_km.begin(), 0.0);
  }
  const std::size_t b_count = f.lower_km.size();
  const ChordBins chord_bins(f.lower_km);
  f.observed.assign(b_count, 0.0);
  f.links.assign(b_count, 0);
  {
    std::size_t k = 0;
    for (NodeId i = 0; i < n; ++i)
      for (EdgeId e = links.offsets[i]; e < links.offsets[i + 1]; ++e) {
        if (sites.site_of[i] == LocationSites::kUnlocated ||
            sites.site_of[links.targets[e]] == LocationSites::kUnlocated)
          continue;
        const std::size_t b = chord_bins.bin_of(link_chord2[k++]);
        f.observed[b] += links.weights[e];
        ++f.links[b];
      }
  }
  progress.report("deterrence", 0.2);

  // Importance per site, in site order; the unlocated class by its two halves: pairs with an
  // unlocated first end, and located-first pairs with an unlocated second end (no
  // cancellation when few nodes are unlocated).
  std::vector<double> site_a(g, 0.0), site_b(g, 0.0);
  double unlocated_a = 0, unlocated_b = 0, total_b = 0, located_a = 0;
  for (NodeId i = 0; i < n; ++i) {
    const std::uint32_t s = sites.site_of[i];
    total_b += in_importance[i];
    if (s == LocationSites::kUnlocated) {
      unlocated_a += out_importance[i];
      unlocated_b += in_importance[i];
      ++f.unlocated_nodes;
    } else {
      site_a[s] += out_importance[i];
      site_b[s] += in_importance[i];
    }
  }
  for (double a : site_a) located_a += a;
  f.unlocated_pair_mass = unlocated_a * total_b + located_a * unlocated_b;

  // Pair masses over site pairs s <= t: fixed blocks of rows, each summed into its own bin
  // array, the arrays added in block order.
  const std::size_t blocks = (g + kRowBlock - 1) / kRowBlock;
  std::vector<double> partial(blocks * b_count, 0.0);
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t block = 0; block < blocks; ++block) {
    double* mass = partial.data() + block * b_count;
    for (std::size_t s = block * kRowBlock; s < std::min<std::size_t>(g, (block + 1) * kRowBlock); ++s) {
      mass[0] += site_a[s] * site_b[s];
      const UnitVector p = sites.position[s];
      const double as = site_a[s], bs = site_b[s];
      for (std::size_t t = s + 1; t < g; ++t)
        mass[chord_bins.bin_of(chord_squared(p, sites.position[t]))] += as * site_b[t] + site_a[t] * bs;
    }
  }
  f.pair_mass.assign(b_count, 0.0);
  for (std::size_t block = 0; block < blocks; ++block)
    for (std::size_t b = 0; b < b_count; ++b) f.pair_mass[b] += partial[block * b_count + b];
  f.value.resize(b_count);
  for (std::size_t b = 0; b < b_count; ++b) f.value[b] = f.pair_mass[b] > 0 ? f.observed[b] / f.pair_mass[b] : 0.0;
  f.unlocated_value = f.unlocated_pair_mass > 0 ? f.unlocated_observed / f.unlocated_pair_mass : 0.0;
  progress.report("deterrence", 1.0);
  return f;
}

DeterrenceFunction fit_deterrence(const WeightedCsr& symmetric, Coordinates coordinates,
                                  const DeterrenceOptions& options, const Progress& progress) {
  std::vector<double> strength(symmetric.node_count(), 0.0);
  for (NodeId i = 0; i < symmetric.node_count(); ++i)
    for (EdgeId e = symmetric.offsets[i]; e < symmetric.offsets[i + 1]; ++e) strength[i] += symmetric.weights[e];
  return fit_deterrence(symmetric, coordinates, strength, strength, options, progress);
}

std::vector<std::string> verify_deterrence(const WeightedCsr& links, Coordinates coordinates,
                                           std::span<const double> out_importance,
                                           std::span<const double> in_importance, const DeterrenceFunction& f) {
  std::vector<std::string> problems;
  const NodeId n = links.node_count();
  const std::size_t bins = f.bin_count();
  if (f.lower_km.size() != bins || f.observed.size() != bins || f.pair_mass.size() != bins || bins == 0 ||
      f.lower_km[0] != 0.0)
    return {"bin arrays differ in size or the first bin does not start at 0"};
  // Exact distances between nodes; with grid sites also the mass within 2 delta of each bin's
  // edges, the documented bound of the grid's error.
  const double reach = 2 * f.max_site_offset_km;
  auto near_edge = [&](double d, std::size_t b) {
    return (b > 0 && std::abs(d - f.lower_km[b]) <= reach) ||
           (b + 1 < bins && std::abs(d - f.lower_km[b + 1]) <= reach);
  };
  std::vector<double> mass(bins, 0.0), observed(bins, 0.0), mass_band(bins, 0.0), observed_band(bins, 0.0);
  double unlocated_mass = 0, unlocated_observed = 0, total_observed = 0;
  auto distance = [&](NodeId i, NodeId j) {
    return haversine_km(coordinates.lat[i], coordinates.lon[i], coordinates.lat[j], coordinates.lon[j]);
  };
  for (NodeId i = 0; i < n; ++i)
    for (NodeId j = 0; j < n; ++j) {
      const double pair = out_importance[i] * in_importance[j];
      if (!located(coordinates, i) || !located(coordinates, j)) {
        unlocated_mass += pair;
        continue;
      }
      const double d = distance(i, j);
      const std::size_t b = f.bin_of(d);
      mass[b] += pair;
      for (std::size_t c = 0; c < bins; ++c)
        if (near_edge(d, c)) mass_band[c] += pair;
    }
  for (NodeId i = 0; i < n; ++i)
    for (EdgeId e = links.offsets[i]; e < links.offsets[i + 1]; ++e) {
      const NodeId j = links.targets[e];
      const double w = links.weights[e];
      total_observed += w;
      if (!located(coordinates, i) || !located(coordinates, j)) {
        unlocated_observed += w;
        continue;
      }
      const double d = distance(i, j);
      observed[f.bin_of(d)] += w;
      for (std::size_t c = 0; c < bins; ++c)
        if (near_edge(d, c)) observed_band[c] += w;
    }
  auto close = [](double a, double b, double scale) { return std::abs(a - b) <= 1e-9 * std::max(scale, 1e-300); };
  const double mass_scale = std::accumulate(mass.begin(), mass.end(), unlocated_mass);
  const double link_scale = std::max(total_observed, 1e-300);
  for (std::size_t b = 0; b < bins; ++b) {
    const std::string bin = "bin " + std::to_string(b);
    if (f.cell_km == 0) {
      if (!close(f.pair_mass[b], mass[b], mass_scale))
        problems.push_back(bin + ": pair mass " + std::to_string(f.pair_mass[b]) + " != " + std::to_string(mass[b]));
      if (!close(f.observed[b], observed[b], link_scale))
        problems.push_back(bin + ": observed " + std::to_string(f.observed[b]) + " != " + std::to_string(observed[b]));
    } else {
      if (std::abs(f.pair_mass[b] - mass[b]) > mass_band[b] + 1e-9 * mass_scale)
        problems.push_back(bin + ": grid pair mass off by more than the band mass");
      if (std::abs(f.observed[b] - observed[b]) > observed_band[b] + 1e-9 * link_scale)
        problems.push_back(bin + ": grid observed weight off by more than the band weight");
    }
    const double expected_value = f.pair_mass[b] > 0 ? f.observed[b] / f.pair_mass[b] : 0.0;
    if (f.value[b] != expected_value) problems.push_back(bin + ": value is not observed / pair mass");
  }
  if (!close(f.unlocated_pair_mass, unlocated_mass, mass_scale)) problems.push_back("unlocated pair mass differs");
  if (!close(f.unlocated_observed, unlocated_observed, link_scale))
    problems.push_back("unlocated observed weight differs");
  double expected_total = f.unlocated_value * f.unlocated_pair_mass;
  for (std::size_t b = 0; b < bins; ++b) expected_total += f.value[b] * f.pair_mass[b];
  if (!close(expected_total, total_observed, link_scale))
    problems.push_back("normalisation: the null expects " + std::to_string(expected_total) + ", the links weigh " +
                       std::to_string(total_observed));
  return problems;
}

void add_histogram(SiteHistogram& into, std::span<const SiteMass> h) {
  if (h.empty()) return;
  const auto by_site = [](const SiteMass& x, const SiteMass& y) { return x.site < y.site; };
  if (h.size() == 1) {
    const auto at = std::lower_bound(into.begin(), into.end(), h[0], by_site);
    if (at != into.end() && at->site == h[0].site) {
      at->count += h[0].count;
      at->mass += h[0].mass;
    } else {
      into.insert(at, h[0]);
    }
    return;
  }
  SiteHistogram merged;
  merged.reserve(into.size() + h.size());
  std::size_t i = 0, j = 0;
  while (i < into.size() || j < h.size()) {
    if (j == h.size() || (i < into.size() && into[i].site < h[j].site)) {
      merged.push_back(into[i++]);
    } else if (i == into.size() || h[j].site < into[i].site) {
      merged.push_back(h[j++]);
    } else {
      merged.push_back({into[i].site, into[i].count + h[j].count, into[i].mass + h[j].mass});
      ++i, ++j;
    }
  }
  into.swap(merged);
}

void subtract_histogram(SiteHistogram& from, std::span<const SiteMass> h) {
  std::size_t write = 0, j = 0;
  for (std::size_t i = 0; i < from.size(); ++i) {
    SiteMass entry = from[i];
    while (j < h.size() && h[j].site < entry.site) ++j;
    if (j < h.size() && h[j].site == entry.site) {
      entry.count -= h[j].count;
      entry.mass -= h[j].mass;
    }
    if (entry.count > 0) from[write++] = entry;
  }
  from.resize(write);
}

SpatialNull::SpatialNull(Coordinates coordinates, const DeterrenceFunction& f)
    : f_(&f), sites_(locate_sites(coordinates, f.cell_km)), bins_(f.lower_km) {
  if (sites_.size() != f.sites)
    throw UsageError("the coordinates give " + std::to_string(sites_.size()) + " sites, the fit saw " +
                                std::to_string(f.sites));
}

void SpatialNull::tabulate() {
  const std::size_t g = sites_.size();
  if (!table_.empty() || g * g > kMaxTable) return;
  table_.resize(g * g);
#pragma omp parallel for schedule(dynamic, 16) if (g >= 256)
  for (std::size_t s = 0; s < g; ++s)
    for (std::size_t t = 0; t < g; ++t)
      table_[s * g + t] =
          static_cast<std::uint8_t>(bins_.bin_of(chord_squared(sites_.position[s], sites_.position[t])));
}

double SpatialNull::between(std::span<const SiteMass> a, std::span<const SiteMass> b) const {
  // The unlocated entry sorts last; it meets everything with f_u.
  auto located_part = [](std::span<const SiteMass> h) {
    return !h.empty() && h.back().site == LocationSites::kUnlocated ? h.first(h.size() - 1) : h;
  };
  const std::span<const SiteMass> la = located_part(a), lb = located_part(b);
  const double* value = f_->value.data();
  double total = 0;
  for (const SiteMass& x : la) {
    double row = 0;
    if (!table_.empty()) {
      const std::uint8_t* bins = table_.data() + static_cast<std::size_t>(x.site) * sites_.size();
      for (const SiteMass& y : lb) row += y.mass * value[bins[y.site]];
    } else {
      const UnitVector& p = sites_.position[x.site];
      for (const SiteMass& y : lb) row += y.mass * value[bins_.bin_of(chord_squared(p, sites_.position[y.site]))];
    }
    total += x.mass * row;
  }
  if (la.size() == a.size() && lb.size() == b.size()) return total;
  double mass_la = 0, mass_lb = 0;
  for (const SiteMass& x : la) mass_la += x.mass;
  for (const SiteMass& y : lb) mass_lb += y.mass;
  const double ua = la.size() < a.size() ? a.back().mass : 0.0, ub = lb.size() < b.size() ? b.back().mass : 0.0;
  return total + f_->unlocated_value * (ua * (mass_lb + ub) + mass_la * ub);
}

std::vector<double> SpatialNull::pairwise(std::span<const std::size_t> begin, std::span<const SiteMass> entries) const {
  const std::size_t k = begin.size() - 1, g = sites_.size();
  std::vector<double> out(k * k, 0.0);
  const double* value = f_->value.data();
  const double unlocated = f_->unlocated_value;
  auto slot = [&](std::uint32_t site) { return site == LocationSites::kUnlocated ? g : site; };
#pragma omp parallel if (k > 1)
  {
    std::vector<double> field(g + 1);  // the last slot stands for unlocated nodes
#pragma omp for schedule(dynamic, 1)
    for (std::size_t row = 0; row < k; ++row) {
      std::fill(field.begin(), field.end(), 0.0);
      for (std::size_t i = begin[row]; i < begin[row + 1]; ++i) {
        const SiteMass& x = entries[i];
        if (x.site == LocationSites::kUnlocated) {
          for (double& y : field) y += x.mass * unlocated;
          continue;
        }
        if (!table_.empty()) {
          const std::uint8_t* bins = table_.data() + static_cast<std::size_t>(x.site) * g;
          for (std::size_t t = 0; t < g; ++t) field[t] += x.mass * value[bins[t]];
        } else {
          const UnitVector& p = sites_.position[x.site];
          for (std::size_t t = 0; t < g; ++t)
            field[t] += x.mass * value[bins_.bin_of(chord_squared(p, sites_.position[t]))];
        }
        field[g] += x.mass * unlocated;
      }
      double* out_row = out.data() + row * k;
      for (std::size_t col = 0; col < k; ++col) {
        double sum = 0;
        for (std::size_t i = begin[col]; i < begin[col + 1]; ++i) sum += entries[i].mass * field[slot(entries[i].site)];
        out_row[col] = sum;
      }
    }
  }
  return out;
}

SiteHistogram SpatialNull::histogram(std::span<const NodeId> nodes, std::span<const double> mass) const {
  SiteHistogram h;
  for (NodeId v : nodes)
    if (mass[v] > 0) h.push_back({sites_.site_of[v], 1, mass[v]});
  std::stable_sort(h.begin(), h.end(), [](const SiteMass& x, const SiteMass& y) { return x.site < y.site; });
  std::size_t write = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (write > 0 && h[write - 1].site == h[i].site) {
      h[write - 1].count += 1;
      h[write - 1].mass += h[i].mass;
    } else {
      h[write++] = h[i];
    }
  }
  h.resize(write);
  return h;
}

double SpatialNull::expected_weight_between(std::span<const NodeId> a_nodes, std::span<const double> a_importance,
                                            std::span<const NodeId> b_nodes,
                                            std::span<const double> b_importance) const {
  return between(histogram(a_nodes, a_importance), histogram(b_nodes, b_importance));
}

}  // namespace firmnet::community
