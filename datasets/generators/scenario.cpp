#include "datasets/generators/scenario.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "graph/random.hpp"
#include "graph/errors.hpp"

namespace firmnet::generators {

namespace {

constexpr const char* kStudyRegion = "study-region";  // every node of the region
constexpr const char* kOutsideRegion = "outside";     // buyers outside it

// Verdict vocabulary of docs/CONCEPTS.md §6.
constexpr const char* kLinkedCluster = "linked cluster";
constexpr const char* kCoLocationOnly = "co-location only";
constexpr const char* kWiderCluster = "part of a wider cluster";
constexpr const char* kExternallyOriented = "externally oriented";
constexpr const char* kTooSmall = "too small to tell";

// A value chain: its GB/T 4754 division and its ordered stages; anchors sit at anchor_stage.
struct Chain {
  const char* label;
  const char* industry;
  std::vector<const char*> stages;
  std::size_t anchor_stage;
};

const std::vector<Chain>& value_chains() {
  static const std::vector<Chain> chains = {
      {"Textile", "C17", {"fibre", "spinning", "weaving", "dyeing", "garment_making", "wholesale"}, 4},
      {"Electronics", "C39", {"components", "circuit_boards", "modules", "assembly", "testing"}, 3},
      {"Auto Parts", "C36", {"casting", "machining", "subassembly", "vehicle_assembly", "dealers"}, 3},
      {"Machinery", "C34", {"steel_processing", "parts", "machine_assembly", "maintenance"}, 2},
      {"Food", "C13", {"farming", "processing", "packaging", "distribution"}, 1},
      {"Furniture", "C21", {"timber", "boards", "furniture_making", "finishing", "retail"}, 2},
  };
  return chains;
}
constexpr std::size_t kExportChain = 1;  // electronics assembly for export

// Share of a cluster firm's own links that go to the next stage (the rest skip stages), and
// the chance that a link into the anchor stage lands on an anchor.
constexpr double kAdjacentStageShare = 0.85;
constexpr double kAnchorPull = 0.7;
constexpr double kExportOutsideShare = 0.9;
// Export firms trade more than the average firm, almost all of it with outside buyers.
constexpr double kExportActivity = 1.5;

struct PlannedEdge {
  NodeId source, target;
  RelationType type;
  double weight;
};

struct Place {
  std::string park, town;
  double lat = 0, lon = 0;
  double spread_deg = 0;  // standard deviation of firm positions around the centre
};

class ScenarioBuilder {
 public:
  explicit ScenarioBuilder(const ScenarioParameters& p) : p_(p), rng_(p.seed) {}

  GeneratedNetwork build();

 private:
  struct ClusterMember {
    NodeId node;
    std::size_t stage;
  };

  void place_parks(int count);
  NodeId add_node(NodeRow row, const std::string& park, const std::string& cluster, const std::string& role,
                  const std::string& verdict, bool anchor, std::int64_t stage_order = kMissingInt64);
  NodeId add_firm(const Chain& chain, std::size_t stage, const Place& place, bool anchor, bool foreign_leaning,
                  const std::string& cluster, const std::string& role, const std::string& verdict);
  void plant_cluster(const std::vector<Place>& places, const std::string& cluster, const char* verdict);
  void plant_colocation(const Place& place, bool same_stage);
  void plant_export(const Place& place);
  void plant_small(const Place& place);
  void add_town_firms();
  void add_outside_buyers();
  void add_background();
  void add_park_truth(const Place& place, const char* verdict, const std::string& cluster, int firms,
                      const std::string& composition);
  void edge(NodeId source, NodeId target, RelationType type, double weight) {
    edges_.push_back({source, target, type, weight});
  }
  double trade_value() { return std::max(0.01, std::round(rng_.lognormal(0.5, 1.0) * 100) / 100); }

  const ScenarioParameters& p_;
  Rng rng_;
  NodeTableBuilder nodes_;
  std::vector<std::string> towns_;  // per node: its town inside the study region, "" outside
  std::vector<PlannedEdge> edges_;
  std::vector<Place> places_;
  std::size_t next_place_ = 0;
  int next_cluster_ = 1;
  std::optional<std::uint64_t> chain_offset_;

  std::vector<NodeId> region_firms_;  // background trade partners
  std::vector<double> background_rate_;  // per node in region_firms_ order
  std::vector<NodeId> outside_buyers_;

  std::vector<std::string> truth_park_, truth_cluster_, truth_role_, truth_verdict_;
  std::vector<std::int64_t> truth_anchor_, truth_stage_order_;
  std::vector<std::string> park_name_, park_verdict_, park_town_, park_cluster_, park_composition_;
  std::vector<std::int64_t> park_firms_;
};

void ScenarioBuilder::place_parks(int count) {
  // Parks at least min_km apart inside a box that grows with the number of parks.
  const double half_side = 0.35 * std::max(1.0, std::sqrt(count / 9.0));
  const double min_km = 9.0;
  constexpr double kCentreLat = 29.70, kCentreLon = 120.25;  // a county in Zhejiang
  for (int i = 0; i < count; ++i) {
    Place place;
    for (int attempt = 0; attempt < 2000; ++attempt) {
      place.lat = kCentreLat + rng_.uniform(-half_side, half_side);
      place.lon = kCentreLon + rng_.uniform(-half_side, half_side);
      bool clear = true;
      for (const auto& other : places_)
        clear = clear && distance_km(place.lat, place.lon, other.lat, other.lon) >= min_km;
      if (clear) break;
    }
    char label[32];
    std::snprintf(label, sizeof label, "park-%02d", i + 1);
    place.park = label;
    std::snprintf(label, sizeof label, "town-%02d", i + 1);
    place.town = label;
    place.spread_deg = 0.003;  // about 330 m
    places_.push_back(place);
  }
}

NodeId ScenarioBuilder::add_node(NodeRow row, const std::string& park, const std::string& cluster,
                                 const std::string& role, const std::string& verdict, bool anchor,
                                 std::int64_t stage_order) {
  // The study region is one region; its towns go to the extra column "town", so that links to
  // other towns stay "elsewhere in the region" and only links to outside buyers leave it.
  towns_.push_back(row.region == kOutsideRegion ? "" : row.region);
  if (row.region != kOutsideRegion) row.region = kStudyRegion;
  const NodeId id = nodes_.add(row);
  truth_stage_order_.push_back(stage_order);
  truth_park_.push_back(park);
  truth_cluster_.push_back(cluster);
  truth_role_.push_back(role);
  truth_verdict_.push_back(verdict);
  truth_anchor_.push_back(anchor ? 1 : 0);
  return id;
}

NodeId ScenarioBuilder::add_firm(const Chain& chain, std::size_t stage, const Place& place, bool anchor,
                                 bool foreign_leaning, const std::string& cluster, const std::string& role,
                                 const std::string& verdict) {
  NodeRow row;
  char id[32];
  std::snprintf(id, sizeof id, "F%05zu", nodes_.size() + 1);
  row.id = id;
  row.name = std::string(chain.label) + " " + (anchor ? "Group " : "Co. ") + std::to_string(nodes_.size() + 1);
  row.kind = NodeKind::firm;
  row.industry = chain.industry;
  row.stage = chain.stages[stage];
  row.region = place.town;
  row.park = place.park;
  row.lat = place.lat + rng_.normal(0, place.spread_deg);
  row.lon = place.lon + rng_.normal(0, place.spread_deg);
  // Heavy-tailed sizes: log-normal employees, revenue (10k CNY) = employees x log-normal
  // productivity.
  row.employees = std::max(1.0, std::round(anchor ? rng_.lognormal(std::log(1500.0), 0.5)
                                                  : rng_.lognormal(std::log(25.0), 1.0)));
  row.revenue = std::round(row.employees * rng_.lognormal(std::log(60.0), 0.5) * 10) / 10;
  const double r = rng_.uniform();
  const double foreign_share = foreign_leaning ? 0.45 : 0.12;
  row.ownership = r < foreign_share ? "foreign" : r < foreign_share + 0.08 ? "state" : r < foreign_share + 0.16 ? "collective" : "private";
  row.founded = static_cast<std::int32_t>(anchor ? rng_.between(1985, 2005) : rng_.between(1985, 2023));
  const NodeId node = add_node(row, place.park, cluster, role, verdict, anchor, static_cast<std::int64_t>(stage) + 1);
  region_firms_.push_back(node);
  background_rate_.push_back(p_.link_density * p_.mixing / (1.0 - p_.mixing));
  return node;
}

void ScenarioBuilder::add_park_truth(const Place& place, const char* verdict, const std::string& cluster, int firms,
                                     const std::string& composition) {
  park_name_.push_back(place.park);
  park_verdict_.push_back(verdict);
  park_town_.push_back(place.town);
  park_cluster_.push_back(cluster);
  park_firms_.push_back(firms);
  park_composition_.push_back(composition);
}

void ScenarioBuilder::plant_cluster(const std::vector<Place>& places, const std::string& cluster,
                                    const char* verdict) {
  // Successive clusters take successive value chains from a random starting chain.
  if (!chain_offset_) chain_offset_ = rng_.below(value_chains().size()) + 1;
  const Chain& chain = value_chains()[(*chain_offset_ + next_cluster_) % value_chains().size()];
  const std::size_t stage_count = chain.stages.size();
  const std::size_t anchor_count = 1 + rng_.below(3);
  std::vector<std::vector<NodeId>> by_stage(stage_count);
  std::vector<ClusterMember> members;
  std::vector<NodeId> anchors;
  for (const Place& place : places) {
    // Stratified stage allocation: the anchor stage holds fewer firms than the supplier stages.
    std::vector<double> weight(stage_count, 1.0);
    weight[chain.anchor_stage] = 0.6;
    double total = 0;
    for (double w : weight) total += w;
    for (int i = 0; i < p_.firms_per_park; ++i) {
      const double position = (i + 0.5) / p_.firms_per_park * total;
      std::size_t stage = 0;
      for (double cumulative = weight[0]; cumulative < position && stage + 1 < stage_count;) cumulative += weight[++stage];
      const bool anchor = &place == &places.front() && stage == chain.anchor_stage && anchors.size() < anchor_count;
      const NodeId node = add_firm(chain, stage, place, anchor, false, cluster, anchor ? "anchor" : "member", verdict);
      if (anchor) anchors.push_back(node);
      by_stage[stage].push_back(node);
      members.push_back({node, stage});
    }
    add_park_truth(place, verdict, cluster, p_.firms_per_park, std::string(chain.label) + " value chain");
  }

  auto pick_in_stage = [&](std::size_t stage) {
    if (stage == chain.anchor_stage && !anchors.empty() && rng_.bernoulli(kAnchorPull))
      return anchors[rng_.below(anchors.size())];
    const auto& pool = by_stage[stage];
    return pool[rng_.below(pool.size())];
  };
  for (const ClusterMember& m : members) {
    const std::uint64_t links = std::max<std::uint64_t>(1, rng_.poisson(p_.link_density));
    for (std::uint64_t l = 0; l < links; ++l) {
      std::size_t other;
      if (rng_.bernoulli(kAdjacentStageShare))
        other = m.stage + 1 < stage_count ? m.stage + 1 : m.stage - 1;
      else
        do other = rng_.below(stage_count); while (other == m.stage);
      const NodeId v = pick_in_stage(other);
      // Goods flow downstream: the lower stage supplies the higher one.
      if (other > m.stage)
        edge(m.node, v, RelationType::supply, trade_value());
      else
        edge(v, m.node, RelationType::supply, trade_value());
    }
    // A few horizontal cooperation links between same-stage firms.
    if (rng_.bernoulli(0.2) && by_stage[m.stage].size() > 1)
      edge(m.node, by_stage[m.stage][rng_.below(by_stage[m.stage].size())], RelationType::cooperation, 1.0);
  }
  // Anchors subcontract parts of their work to the firms of the stage before theirs.
  const auto& subcontractors = by_stage[chain.anchor_stage > 0 ? chain.anchor_stage - 1 : chain.anchor_stage + 1];
  for (NodeId anchor : anchors)
    for (NodeId v : subcontractors)
      if (rng_.bernoulli(0.4)) edge(anchor, v, RelationType::subcontract, trade_value());

  // The support system (docs/CONCEPTS.md §2): research, association, service platform, bank.
  const Place& home = places.front();
  struct Institution {
    NodeKind kind;
    const char* label;
    RelationType type;
    double share;  // share of member firms linked
    bool inbound;  // membership runs member -> association
  };
  const std::array<Institution, 4> institutions = {{
      {rng_.bernoulli(0.5) ? NodeKind::university : NodeKind::research_institute, "Institute of Technology",
       RelationType::technology, 0.2, false},
      {NodeKind::association, "Industry Association", RelationType::membership, 0.5, true},
      {NodeKind::service_platform, "Service Centre", RelationType::service, 0.3, false},
      {NodeKind::financial, "Rural Commercial Bank", RelationType::finance, 0.3, false},
  }};
  for (const Institution& inst : institutions) {
    NodeRow row;
    char id[32];
    std::snprintf(id, sizeof id, "I%04zu", nodes_.size() + 1);
    row.id = id;
    row.name = home.town + " " + chain.label + " " + inst.label;
    row.kind = inst.kind;
    row.industry = chain.industry;
    row.region = home.town;
    row.lat = home.lat + rng_.normal(0, 0.02);
    row.lon = home.lon + rng_.normal(0, 0.02);
    row.employees = std::round(rng_.lognormal(std::log(80.0), 0.6));
    row.founded = static_cast<std::int32_t>(rng_.between(1970, 2015));
    row.ownership = inst.kind == NodeKind::association ? "collective" : "state";
    const NodeId node = add_node(row, "", cluster, "institution", "", false);
    for (const ClusterMember& m : members) {
      if (!rng_.bernoulli(inst.share)) continue;
      const double w = inst.type == RelationType::finance ? trade_value() : 1.0;
      if (inst.inbound)
        edge(m.node, node, inst.type, w);
      else
        edge(node, m.node, inst.type, w);
    }
  }
}

void ScenarioBuilder::plant_colocation(const Place& place, bool same_stage) {
  const auto& chains = value_chains();
  const Chain& chain = chains[rng_.below(chains.size())];
  const std::size_t stage = rng_.below(chain.stages.size());
  for (int i = 0; i < p_.firms_per_park; ++i) {
    if (same_stage) {
      add_firm(chain, stage, place, false, false, "", "colocated", kCoLocationOnly);
    } else {
      const Chain& any = chains[rng_.below(chains.size())];
      add_firm(any, rng_.below(any.stages.size()), place, false, false, "", "colocated", kCoLocationOnly);
    }
  }
  add_park_truth(place, kCoLocationOnly, "", p_.firms_per_park,
                 same_stage ? std::string(chain.label) + " " + chain.stages[stage] + " only"
                            : std::string("unrelated industries"));
}

void ScenarioBuilder::plant_export(const Place& place) {
  const Chain& chain = value_chains()[kExportChain];
  const std::vector<NodeId> local_suppliers = region_firms_;
  std::vector<NodeId> firms;
  for (int i = 0; i < p_.firms_per_park; ++i)
    firms.push_back(add_firm(chain, chain.anchor_stage, place, false, true, "", "export", kExternallyOriented));
  for (NodeId u : firms) {
    const std::uint64_t links = std::max<std::uint64_t>(1, rng_.poisson(kExportActivity * p_.link_density));
    for (std::uint64_t l = 0; l < links; ++l) {
      if (local_suppliers.empty() || rng_.bernoulli(kExportOutsideShare))
        edge(u, outside_buyers_[rng_.below(outside_buyers_.size())], RelationType::supply, trade_value());
      else
        edge(local_suppliers[rng_.below(local_suppliers.size())], u, RelationType::supply, trade_value());
    }
  }
  add_park_truth(place, kExternallyOriented, "", p_.firms_per_park, "export assembly for outside buyers");
}

void ScenarioBuilder::plant_small(const Place& place) {
  const auto& chains = value_chains();
  for (int i = 0; i < p_.small_park_firms; ++i) {
    const Chain& chain = chains[rng_.below(chains.size())];
    add_firm(chain, rng_.below(chain.stages.size()), place, false, false, "", "small_park", kTooSmall);
  }
  add_park_truth(place, kTooSmall, "", p_.small_park_firms, "a handful of firms");
}

void ScenarioBuilder::add_town_firms() {
  // Firms of the region outside the parks; they are the background trade itself, so they draw
  // more background links than park firms.
  const auto& chains = value_chains();
  for (int i = 0; i < p_.town_firms; ++i) {
    Place town = places_[rng_.below(places_.size())];
    town.park.clear();
    town.spread_deg = 0.03;
    const Chain& chain = chains[rng_.below(chains.size())];
    add_firm(chain, rng_.below(chain.stages.size()), town, false, false, "", "town", "");
    background_rate_.back() = p_.link_density * 0.5;
  }
}

void ScenarioBuilder::add_outside_buyers() {
  for (int i = 0; i < p_.outside_buyers; ++i) {
    NodeRow row;
    char id[32];
    std::snprintf(id, sizeof id, "X%04d", i + 1);
    row.id = id;
    row.name = "Overseas Buyer " + std::to_string(i + 1);
    row.kind = NodeKind::firm;
    row.industry = value_chains()[kExportChain].industry;
    row.stage = "buyer";
    row.region = kOutsideRegion;
    row.lat = rng_.uniform(22.0, 40.0);
    row.lon = rng_.uniform(100.0, 118.0);
    row.employees = std::round(rng_.lognormal(std::log(3000.0), 0.8));
    row.revenue = std::round(row.employees * rng_.lognormal(std::log(120.0), 0.5) * 10) / 10;
    row.ownership = "foreign";
    row.founded = static_cast<std::int32_t>(rng_.between(1960, 2010));
    outside_buyers_.push_back(add_node(row, "", "", "outside_buyer", "", false));
  }
}

void ScenarioBuilder::add_background() {
  for (std::size_t i = 0; i < region_firms_.size(); ++i) {
    const NodeId u = region_firms_[i];
    const std::uint64_t links = rng_.poisson(background_rate_[i]);
    for (std::uint64_t l = 0; l < links; ++l) {
      NodeId v = u;
      while (v == u) v = region_firms_[rng_.below(region_firms_.size())];
      const RelationType type = rng_.bernoulli(0.85) ? RelationType::supply : RelationType::service;
      if (rng_.bernoulli(0.5))
        edge(u, v, type, trade_value());
      else
        edge(v, u, type, trade_value());
    }
  }
}

GeneratedNetwork ScenarioBuilder::build() {
  place_parks(p_.linked_clusters + p_.spanning_clusters * p_.parks_per_spanning + p_.colocation_parks +
              p_.export_parks + p_.small_parks);
  if (p_.export_parks > 0) add_outside_buyers();
  for (int c = 0; c < p_.linked_clusters; ++c)
    plant_cluster({places_[next_place_++]}, "cluster-" + std::to_string(next_cluster_++), kLinkedCluster);
  for (int c = 0; c < p_.spanning_clusters; ++c) {
    std::vector<Place> spanned(places_.begin() + next_place_, places_.begin() + next_place_ + p_.parks_per_spanning);
    next_place_ += p_.parks_per_spanning;
    plant_cluster(spanned, "cluster-" + std::to_string(next_cluster_++), kWiderCluster);
  }
  for (int c = 0; c < p_.colocation_parks; ++c) plant_colocation(places_[next_place_++], c % 2 == 0);
  for (int c = 0; c < p_.small_parks; ++c) plant_small(places_[next_place_++]);
  add_town_firms();
  // Export firms buy some inputs from the region's other firms, so those exist first.
  for (int c = 0; c < p_.export_parks; ++c) plant_export(places_[next_place_++]);
  add_background();

  GeneratedNetwork out;
  NodeTable table = std::move(nodes_).finish();
  table.extra.push_back(text_column("town", towns_));
  GraphBuilder builder(std::move(table));
  builder.reserve(edges_.size());
  for (const PlannedEdge& e : edges_) builder.add_edge(e.source, e.target, e.type, e.weight);
  out.graph = std::move(builder).finish();

  TruthTable nodes_truth{"nodes", true, {}};
  nodes_truth.columns.push_back(text_column("park", truth_park_));
  nodes_truth.columns.push_back(text_column("planted_cluster", truth_cluster_));
  nodes_truth.columns.push_back(text_column("role", truth_role_));
  nodes_truth.columns.push_back({"is_anchor", std::move(truth_anchor_)});
  nodes_truth.columns.push_back(text_column("planted_verdict", truth_verdict_));
  nodes_truth.columns.push_back({"stage_order", std::move(truth_stage_order_)});
  out.truth.push_back(std::move(nodes_truth));
  TruthTable parks_truth{"parks", false, {}};
  parks_truth.columns.push_back(text_column("park", park_name_));
  parks_truth.columns.push_back(text_column("verdict", park_verdict_));
  parks_truth.columns.push_back(text_column("town", park_town_));
  parks_truth.columns.push_back(text_column("planted_cluster", park_cluster_));
  parks_truth.columns.push_back({"firms", std::move(park_firms_)});
  parks_truth.columns.push_back(text_column("composition", park_composition_));
  out.truth.push_back(std::move(parks_truth));

  out.parameters = {{"linked_clusters", std::to_string(p_.linked_clusters)},
                    {"spanning_clusters", std::to_string(p_.spanning_clusters)},
                    {"parks_per_spanning", std::to_string(p_.parks_per_spanning)},
                    {"colocation_parks", std::to_string(p_.colocation_parks)},
                    {"export_parks", std::to_string(p_.export_parks)},
                    {"small_parks", std::to_string(p_.small_parks)},
                    {"small_park_firms", std::to_string(p_.small_park_firms)},
                    {"firms_per_park", std::to_string(p_.firms_per_park)},
                    {"town_firms", std::to_string(p_.town_firms)},
                    {"outside_buyers", std::to_string(p_.outside_buyers)},
                    {"link_density", parameter_text(p_.link_density)},
                    {"mixing", parameter_text(p_.mixing)},
                    {"seed", std::to_string(p_.seed)}};
  return out;
}

}  // namespace

void validate(const ScenarioParameters& p) {
  auto require = [](bool ok, const std::string& message) {
    if (!ok) throw UsageError("scenario: " + message);
  };
  require(p.linked_clusters >= 0 && p.spanning_clusters >= 0 && p.colocation_parks >= 0 && p.export_parks >= 0 &&
              p.small_parks >= 0 && p.town_firms >= 0,
          "park and firm counts must be >= 0");
  require(p.firms_per_park >= 10, "--firms-per-park must be >= 10");
  require(p.small_park_firms >= 1 && p.small_park_firms < 10, "--small-park-firms must be in 1..9");
  require(p.parks_per_spanning >= 2 && p.parks_per_spanning <= 3, "--parks-per-spanning must be 2 or 3");
  require(p.export_parks == 0 || p.outside_buyers >= 1, "export parks need --outside-buyers >= 1");
  require(p.link_density > 0 && p.link_density <= 100, "--link-density must be in (0, 100]");
  require(p.mixing >= 0 && p.mixing <= 0.9, "--mixing must be in [0, 0.9]");
  require(p.linked_clusters + p.spanning_clusters + p.colocation_parks + p.export_parks + p.small_parks > 0,
          "at least one park is needed");
}

GeneratedNetwork generate_scenario(const ScenarioParameters& parameters) {
  validate(parameters);
  return ScenarioBuilder(parameters).build();
}

}  // namespace firmnet::generators
