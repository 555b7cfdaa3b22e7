// The deterrence function of a spatial null model, fitted from the data by binning distances,
// and the null interaction it defines between sets of nodes.
//
// Reference: P. Expert, T. S. Evans, V. D. Blondel, R. Lambiotte, "Uncovering space-independent
// communities in spatial networks", PNAS 108(19):7663-7668 (2011).
//
// Null model: P_ij = a_i b_j f(d_ij), with node importances a_i, b_j (both the strength for the
// undirected spatial modularity; out- and in-strength for a directed null) and d_ij the
// great-circle distance. f is piecewise constant over distance bins, estimated per bin b by
//   f_b = A_b / M_b,  A_b = sum of A_ij,  M_b = sum of a_i b_j,  both over the ordered pairs
//   (i, j) with d_ij in bin b, self-pairs (i, i) at distance 0 included as in modularity.
// Hence sum_ij P_ij = sum_b f_b M_b = sum_b A_b = sum_ij A_ij: the null expects the observed
// total weight, and the observed weight of every distance bin (bins with M_b > 0; a linked pair
// has positive importances, so every bin holding a link has M_b > 0).
//
// Nodes without coordinates: every ordered pair with an unlocated end forms one more class,
// with f_u = A_u / M_u, so the null there is the configuration null a_i b_j scaled to expect
// the class's observed weight, and the normalisation above holds unchanged. With no coordinates
// at all, f_u = 2m / (sum a)(sum b): Newman's null exactly (for strengths, 1 / 2m); one distance
// bin and no unlocated node give the same.
//
// Sites: distances are taken between sites. When there are at most max_sites distinct
// locations (default 8192, so that Leiden's table of the bin of every site pair stays within
// 64 MB; the fit's own loop takes 30,000 exact sites too), the sites are those locations and
// every distance is exact. Otherwise the sites are the occupied cells of a latitude/longitude
// grid, each at the centroid of its nodes, with the smallest cell side (on a geometric ladder)
// that leaves at most max_sites cells; every distance, link distances included, is then taken
// between sites, so the fit is exact for this coarse-grained geography and the normalisation
// still holds exactly. Error against exact distances: each node lies within
// delta = max_offset_km of its site, so a site distance is within 2 delta of the node distance,
// and a pair changes bin only when its distance lies within 2 delta of a bin edge:
// |M_b(grid) - M_b(exact)| <= the exact pair mass within 2 delta of bin b's edges, and likewise
// for A_b (verify_deterrence checks this bound; the tests measure it).
//
// Bins: `bins` of them (default Sturges' rule on the L located links: ceil(log2 L) + 1),
// log-spaced between the shortest positive and the longest link distance (bin 0 reaches down
// to 0, the last bin up to infinity), or with equal link counts (edges half-way between
// consecutive distinct link distances, so no link sits on an edge; ties merge bins).
//
// Cost of the fit: O(n log n) for the sites, O(m) for the links (O(m log m) for equal-count
// bins), O(G^2 log B) for the pair masses over G sites, in parallel over fixed blocks of rows;
// memory O(n + G + B), never a pair matrix. Results do not depend on the thread count.
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/geo_distance.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::community {

/// Node positions in WGS84 degrees, one entry per node; NaN in either marks a node without a
/// location. The spans must outlive every object built from them.
struct Coordinates {
  std::span<const double> lat, lon;
};

/// Node locations grouped into sites (see the file comment), numbered in key order.
struct LocationSites {
  static constexpr std::uint32_t kUnlocated = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> site_of;           // per node; kUnlocated without coordinates
  std::vector<UnitVector> position;  // per site: unit vector of its centroid
  double cell_km = 0;                           // grid cell side; 0: sites are distinct locations
  double max_offset_km = 0;                     // largest node-to-site distance (0 when exact)
  std::size_t size() const { return position.size(); }
};

/// Sites with grid cell side cell_km (0: one site per distinct location). Grid rows are
/// latitude bands of height cell_km; a row's columns are cell_km wide at its central latitude.
/// Throws UsageError when lat and lon differ in size. O(n log n).
LocationSites locate_sites(Coordinates coordinates, double cell_km);

/// Exact sites when there are at most max_sites distinct locations, else a grid of the ladder
/// 0.01 km * 2^(k/4) with at most max_sites occupied cells whose next finer step has more.
/// Throws UsageError for max_sites < 4. O(n log n log(extent)).
LocationSites choose_sites(Coordinates coordinates, std::size_t max_sites);

enum class DistanceBinning : std::uint8_t { log_spaced, equal_count };
std::string_view binning_name(DistanceBinning binning);
/// "log" or "equal-count"; nullopt otherwise.
std::optional<DistanceBinning> parse_binning(std::string_view text);

struct DeterrenceOptions {
  DistanceBinning binning = DistanceBinning::log_spaced;
  int bins = 0;                  // 0: Sturges' rule; at most kMaxBins
  std::size_t max_sites = 8192;  // more distinct locations: grid sites (see the file comment)
  /// Explicit bins instead of bins and binning: lower edges in km, the first 0, increasing
  /// (e.g. another fit's, to compare two networks or two site resolutions bin by bin).
  std::vector<double> lower_km;
  static constexpr int kMaxBins = 64;
};

/// A fitted deterrence function. Bin b covers site distances [lower_km[b], lower_km[b + 1]),
/// the last bin [lower_km.back(), infinity); lower_km[0] = 0.
struct DeterrenceFunction {
  DistanceBinning binning = DistanceBinning::log_spaced;
  std::vector<double> lower_km;
  std::vector<double> value;         // f_b
  std::vector<double> observed;      // A_b: link weight over ordered pairs in the bin
  std::vector<double> pair_mass;     // M_b: sum of a_i b_j over ordered pairs in the bin
  std::vector<std::uint64_t> links;  // link entries (ordered pairs) in the bin
  double unlocated_value = 0, unlocated_observed = 0, unlocated_pair_mass = 0;
  std::uint64_t unlocated_nodes = 0;
  // The sites the fit used; SpatialNull rebuilds the same ones from the coordinates.
  double cell_km = 0;
  std::size_t sites = 0;
  double max_site_offset_km = 0;

  std::size_t bin_count() const { return value.size(); }
  /// Bin holding a distance >= 0. O(log B).
  std::size_t bin_of(double distance_km) const;
  /// f(d). O(log B).
  double at(double distance_km) const { return value[bin_of(distance_km)]; }
};

/// Fits f for links (row i lists j with weight A_ij: a directed CSR, or a symmetric one in
/// which each pair appears in both rows) with importances a (out_importance) and b
/// (in_importance), both of size n and >= 0. Throws UsageError for bins < 0 or > kMaxBins,
/// max_sites < 4 or explicit edges that do not start at 0 and increase (at most kMaxBins),
/// std::invalid_argument for size mismatches. Cost in the file comment.
DeterrenceFunction fit_deterrence(const WeightedCsr& links, Coordinates coordinates,
                                  std::span<const double> out_importance, std::span<const double> in_importance,
                                  const DeterrenceOptions& options = {}, const Progress& progress = {});

/// The fit for the spatial modularity: a symmetric CSR, importance = strength on both sides.
/// Same cost.
DeterrenceFunction fit_deterrence(const WeightedCsr& symmetric, Coordinates coordinates,
                                  const DeterrenceOptions& options = {}, const Progress& progress = {});

/// Verifier (serial, over node pairs with haversine distances, independent of the sites): the
/// observed weights, pair masses and values per bin and in the unlocated class; with grid
/// sites, the documented bound instead of equality; and the normalisation sum_b f_b M_b +
/// f_u M_u = sum_ij A_ij. Returns violations (empty = ok). O(n^2 log B + m): small graphs only.
std::vector<std::string> verify_deterrence(const WeightedCsr& links, Coordinates coordinates,
                                           std::span<const double> out_importance,
                                           std::span<const double> in_importance, const DeterrenceFunction& f);

/// Importance of one site in a histogram: `mass` summed over `count` nodes at `site`.
struct SiteMass {
  std::uint32_t site = 0;
  std::uint32_t count = 0;
  double mass = 0;
};
/// Sorted by site (unlocated last), one entry per site, counts > 0.
using SiteHistogram = std::vector<SiteMass>;

/// Adds h into `into` (entry by entry, counts and masses). O(|into| + |h|).
void add_histogram(SiteHistogram& into, std::span<const SiteMass> h);
/// Removes h, previously added, from `from`: an entry whose count reaches 0 is erased, so the
/// masses of a histogram never keep rounding residue of nodes that left. O(|from| + |h|).
void subtract_histogram(SiteHistogram& from, std::span<const SiteMass> h);

/// Bin search on squared chord lengths between unit vectors: the chord is monotone in the
/// great-circle distance, so binning it needs no trigonometry per pair.
class ChordBins {
 public:
  ChordBins() = default;
  /// From the bins' lower edges in km (lower_km[0] = 0). O(B).
  explicit ChordBins(std::span<const double> lower_km);
  /// Largest b with edge_[b] <= chord2 (edge_[0] = 0, padding +inf): a branch-light binary
  /// search over a power-of-two table. O(log B).
  std::size_t bin_of(double chord2) const {
    std::size_t b = 0;
    for (std::size_t step = edge_.size() / 2; step > 0; step /= 2)
      if (edge_[b + step] <= chord2) b += step;
    return b;
  }

 private:
  std::vector<double> edge_{0.0};  // squared chord of each lower edge, padded with +inf to 2^k
};

/// The null interaction of a fitted f over the sites of a set of coordinates.
class SpatialNull {
 public:
  /// Rebuilds the fit's sites from the coordinates (f.cell_km). Throws UsageError
  /// when the coordinates give another number of sites than the fit saw. f must outlive this.
  /// O(n log n).
  SpatialNull(Coordinates coordinates, const DeterrenceFunction& f);

  const LocationSites& sites() const { return sites_; }
  const DeterrenceFunction& deterrence() const { return *f_; }
  std::uint32_t site_of(NodeId node) const { return sites_.site_of[node]; }

  /// Tabulates the bin of every site pair when G^2 <= kMaxTable, so that every later kernel is
  /// a table lookup instead of a bin search; does nothing for more sites. O(G^2 log B) time,
  /// in parallel, and G^2 bytes.
  void tabulate();
  static constexpr std::size_t kMaxTable = std::size_t{1} << 26;

  /// f between two sites (kUnlocated allowed). O(1) tabulated, else O(log B).
  double kernel(std::uint32_t s, std::uint32_t t) const {
    if (s == LocationSites::kUnlocated || t == LocationSites::kUnlocated) return f_->unlocated_value;
    if (!table_.empty()) return f_->value[table_[static_cast<std::size_t>(s) * sites_.size() + t]];
    return f_->value[bins_.bin_of(chord_squared(sites_.position[s], sites_.position[t]))];
  }

  /// sum over entries x of a and y of b of x.mass y.mass f(d(x.site, y.site)), for histograms
  /// sorted by site. O(|a| |b|) tabulated, else O(|a| |b| log B).
  double between(std::span<const SiteMass> a, std::span<const SiteMass> b) const;

  /// The null interaction between every pair of K histograms, histogram k being
  /// entries[begin[k], begin[k + 1]): a K x K row-major matrix. Row k is the field of
  /// histogram k over all sites, then summed against every histogram, so the cost is
  /// O(E G + K E) for E entries and G sites instead of O(E^2) for K^2 calls of between();
  /// parallel over rows, memory K^2 doubles plus G per thread.
  std::vector<double> pairwise(std::span<const std::size_t> begin, std::span<const SiteMass> entries) const;

  /// The histogram of mass[v] over the sites of the given nodes; nodes of zero mass are left
  /// out. O(k log k) for k nodes.
  SiteHistogram histogram(std::span<const NodeId> nodes, std::span<const double> mass) const;

  /// Expected weight from node set A to node set B under the null: sum over i in A, j in B of
  /// a_i b_j f(d_ij), pairs (i, i) included when the sets overlap. With f fitted on out- and
  /// in-strengths of a directed CSR, the expected link weight from A to B of that directed
  /// null. O((|A| + |B|) log + |sites of A| |sites of B| log B).
  double expected_weight_between(std::span<const NodeId> a_nodes, std::span<const double> a_importance,
                                 std::span<const NodeId> b_nodes, std::span<const double> b_importance) const;

 private:
  const DeterrenceFunction* f_;
  LocationSites sites_;
  ChordBins bins_;
  std::vector<std::uint8_t> table_;  // bin per site pair, row-major, when tabulated
};

}  // namespace firmnet::community
