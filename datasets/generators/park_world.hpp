// The building blocks of the region-of-parks generators (`scenario`, `gravity`): value chains,
// the verdict vocabulary, and ParkWorld, which adds firms, institutions and outside buyers with
// their truth and plants the park kinds whose construction both generators share.
//
// Planted park kinds (docs/generators.md, section scenario, describes each in full):
//   - value-chain cluster over one or several parks: firms of one chain over its ordered stages,
//     Poisson(link_density) supply links per firm, 85% to the adjacent stage, lower stage
//     supplying the higher; 1-3 anchors at the chain's anchor stage draw 70% of the links into
//     that stage and subcontract to 40% of the stage before; 20% of firms add a same-stage
//     cooperation link; a research body, an association, a service centre and a bank serve it.
//   - co-location park: firms of one chain and stage, a given share of them of unrelated
//     industries, with no planted links.
//   - export park: assembly firms whose planted links go 90% to buyers outside the region.
//   - too-small park: a handful of firms.
// Every draw comes from the one Rng the caller passes, in call order, so a world is a pure
// function of its seed and the order of calls.
// Cost: O(1) expected per node and per planted link; finish() is O(n + m log m).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "datasets/generators/generated.hpp"
#include "graph/random.hpp"

namespace firmnet::generators {

// Verdict vocabulary of docs/CONCEPTS.md §6.
inline constexpr const char* kLinkedCluster = "linked cluster";
inline constexpr const char* kCoLocationOnly = "co-location only";
inline constexpr const char* kWiderCluster = "part of a wider cluster";
inline constexpr const char* kExternallyOriented = "externally oriented";
inline constexpr const char* kTooSmall = "too small to tell";

inline constexpr const char* kStudyRegion = "study-region";  // region of every node of the study region
inline constexpr const char* kOutsideRegion = "outside";     // region of the buyers outside it

/// A value chain: its GB/T 4754 division and its ordered stages; anchors sit at anchor_stage.
struct ValueChain {
  const char* label;
  const char* industry;
  std::vector<const char*> stages;
  std::size_t anchor_stage;
};

/// The six value chains the generators draw from (textile, electronics, auto parts, machinery,
/// food, furniture). O(1).
const std::vector<ValueChain>& value_chains();

/// The parks, firms and planted-link density of a region; the defaults are `scenario`'s.
struct ParkLayout {
  int linked_clusters = 3;     // parks with a planted "linked cluster"
  int spanning_clusters = 1;   // clusters spread over parks_per_spanning parks each
  int parks_per_spanning = 3;  // 2 or 3
  int colocation_parks = 2;    // "co-location only" parks
  int export_parks = 1;        // "externally oriented" parks
  int small_parks = 1;         // "too small to tell" parks (small_park_firms firms each)
  int small_park_firms = 4;
  int firms_per_park = 120;
  int town_firms = 400;        // firms of the region outside any park
  int outside_buyers = 60;     // buyers outside the region
  double link_density = 4.0;   // mean planted links per cluster or export firm

  /// Parks of all kinds. O(1).
  std::int64_t parks() const {
    return static_cast<std::int64_t>(linked_clusters) + static_cast<std::int64_t>(spanning_clusters) * parks_per_spanning +
           colocation_parks + export_parks + small_parks;
  }
};

/// Throws UsageError("<generator>: ...") naming the option, for counts < 0, firms_per_park < 10,
/// small_park_firms outside 1..9, parks_per_spanning outside 2..3, export parks without outside
/// buyers, link_density outside (0, 100], no park at all. O(1).
void validate_layout(const ParkLayout& layout, const std::string& generator);

/// The layout as stored parameters (name, text), in declaration order. O(1).
std::vector<std::pair<std::string, std::string>> layout_parameters(const ParkLayout& layout);

/// Where firms are put: a park (empty for town firms) in a town, a centre and the standard
/// deviation of positions around it (degrees of latitude; longitude spread = spread_deg x
/// lon_stretch).
struct Place {
  std::string park, town;
  double lat = 0, lon = 0;
  double spread_deg = 0;
  double lon_stretch = 1.0;
};

/// Why a planned link exists.
enum class LinkOrigin : std::uint8_t {
  value_chain,   // planted stage-to-stage supply inside a cluster
  cooperation,   // planted same-stage cooperation inside a cluster
  subcontract,   // planted anchor subcontracting
  institution,   // planted link of a cluster's support institution
  export_trade,  // planted link of an export firm
  background,    // regional background trade
  critical_input,  // planted sole supply of an input industry to many cluster firms
};

/// Text form of an origin ("value_chain", ..., "background"). O(1).
const char* origin_name(LinkOrigin origin);

struct PlannedLink {
  NodeId source, target;
  RelationType type;
  double weight;
  LinkOrigin origin;
  std::int16_t year = kNoYear;
};

/// Attribute draws that differ between worlds.
struct FirmTraits {
  double size_log_sd = 1.0;                // log-sd of ordinary firms' employees (median 25)
  std::int32_t last_founding_year = 2023;  // no node is founded later
  bool town_in_truth = false;              // truth_nodes gets a `town` column after `park`
};

class ParkWorld {
 public:
  /// link_density: mean planted links per cluster or export firm; firms_per_park: firms of a
  /// cluster, co-location or export park. The Rng must outlive the ParkWorld.
  ParkWorld(Rng& rng, double link_density, int firms_per_park, FirmTraits traits = {});

  /// Adds one firm of `chain` at `stage` around `place` (role and verdict go to the truth;
  /// stage_order = stage + 1) and lists it as a firm of the region. O(1) expected.
  NodeId add_firm(const ValueChain& chain, std::size_t stage, const Place& place, bool anchor, bool foreign_leaning,
                  const std::string& cluster, const std::string& role, const std::string& verdict);

  /// One value-chain cluster over `places` (one park: a linked cluster; several: a cluster
  /// spanning parks), with its four support institutions; truth rows for each park. Successive
  /// clusters take successive chains. O(firms x link_density).
  void plant_cluster(const std::vector<Place>& places, const char* verdict);
  /// A co-location-only park: firms of one random chain and stage; round(unrelated_share x
  /// firms), spread evenly through the park, are of random chains and stages. O(firms).
  void plant_colocation(const Place& place, double unrelated_share);
  /// An export park: Poisson(activity x link_density) links per firm (at least 1), 90% to
  /// outside buyers, the rest from the firms of the region added so far. O(firms x activity).
  void plant_export(const Place& place, double activity);
  /// A park of `firms` firms of random chains. O(firms).
  void plant_small(const Place& place, int firms);
  /// A mid-size firm around `place` of its own industry (`industry`, used by no value chain)
  /// that is the only supplier of that input to `customers` cluster firms drawn without
  /// replacement (anchors first), each link small (trade value / 4): little output, yet
  /// essential to many (role critical_supplier). Needs at least one cluster. O(region firms).
  NodeId plant_critical_supplier(const Place& place, const std::string& industry, int customers);
  /// `count` buyers outside the region (region "outside", far from the study region). O(count).
  void add_outside_buyers(int count);

  /// A background trade link between two firms of the region: supply (85%) or service, with a
  /// trade value. Direction: with follow_chain, a pair of one chain at different stages trades
  /// downstream (lower stage supplies the higher); otherwise, and for every other pair, a coin.
  /// O(1).
  void add_background_link(NodeId drawer, NodeId partner, bool follow_chain);

  /// Firms of the study region in the order they were added (background trade partners).
  const std::vector<NodeId>& region_firms() const { return region_firms_; }
  const std::string& role(NodeId node) const { return truth_role_[node]; }
  const NodeTableBuilder& nodes() const { return nodes_; }
  std::vector<PlannedLink>& links() { return links_; }
  const std::vector<PlannedLink>& links() const { return links_; }
  /// Publishes the node without coordinates (the world keeps using its position). O(1).
  void clear_coordinates(NodeId node) { nodes_.clear_coordinates(node); }

  /// The network (node extra column `town`; duplicate links merged by GraphBuilder) with
  /// truth_nodes and truth_parks. O(n + m log m).
  GeneratedNetwork finish(std::vector<std::pair<std::string, std::string>> parameters) &&;

 private:
  struct ClusterMember {
    NodeId node;
    std::size_t stage;
  };

  NodeId add_node(NodeRow row, const std::string& park, const std::string& cluster, const std::string& role,
                  const std::string& verdict, bool anchor, std::int64_t stage_order, int chain);
  void add_park_truth(const Place& place, const char* verdict, const std::string& cluster, int firms,
                      const std::string& composition);
  void link(NodeId source, NodeId target, RelationType type, double weight, LinkOrigin origin) {
    links_.push_back({source, target, type, weight, origin});
  }
  double trade_value() { return std::max(0.01, std::round(rng_.lognormal(0.5, 1.0) * 100) / 100); }
  std::int32_t founded_between(std::int64_t first, std::int64_t last) {
    return static_cast<std::int32_t>(rng_.between(first, std::min<std::int64_t>(last, traits_.last_founding_year)));
  }

  Rng& rng_;
  double link_density_;
  int firms_per_park_;
  FirmTraits traits_;
  NodeTableBuilder nodes_;
  std::vector<std::string> towns_;  // per node: its town inside the study region, "" outside
  std::vector<int> chain_of_;       // per node: index into value_chains(), -1 for none
  std::vector<PlannedLink> links_;
  int next_cluster_ = 1;
  std::optional<std::uint64_t> chain_offset_;

  std::vector<NodeId> region_firms_;
  std::vector<NodeId> outside_buyers_;

  std::vector<std::string> truth_park_, truth_cluster_, truth_role_, truth_verdict_;
  std::vector<std::int64_t> truth_anchor_, truth_stage_order_;
  std::vector<std::string> park_name_, park_verdict_, park_town_, park_cluster_, park_composition_;
  std::vector<std::int64_t> park_firms_;
};

}  // namespace firmnet::generators
