#include "datasets/generators/park_world.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "graph/errors.hpp"

namespace firmnet::generators {

namespace {

constexpr std::size_t kExportChain = 1;  // electronics assembly for export

// Share of a cluster firm's own links that go to the next stage (the rest skip stages), and
// the chance that a link into the anchor stage lands on an anchor.
constexpr double kAdjacentStageShare = 0.85;
constexpr double kAnchorPull = 0.7;
constexpr double kExportOutsideShare = 0.9;
constexpr double kBackgroundSupplyShare = 0.85;  // the rest of background trade is service

}  // namespace

void validate_layout(const ParkLayout& p, const std::string& generator) {
  auto require = [&](bool ok, const std::string& message) {
    if (!ok) throw UsageError(generator + ": " + message);
  };
  require(p.linked_clusters >= 0 && p.spanning_clusters >= 0 && p.colocation_parks >= 0 && p.export_parks >= 0 &&
              p.small_parks >= 0 && p.town_firms >= 0 && p.outside_buyers >= 0,
          "park and firm counts must be >= 0");
  require(p.firms_per_park >= 10, "--firms-per-park must be >= 10");
  require(p.small_park_firms >= 1 && p.small_park_firms < 10, "--small-park-firms must be in 1..9");
  require(p.parks_per_spanning >= 2 && p.parks_per_spanning <= 3, "--parks-per-spanning must be 2 or 3");
  require(p.export_parks == 0 || p.outside_buyers >= 1, "export parks need --outside-buyers >= 1");
  require(p.link_density > 0 && p.link_density <= 100, "--link-density must be in (0, 100]");
  require(p.parks() > 0, "at least one park is needed");
}

std::vector<std::pair<std::string, std::string>> layout_parameters(const ParkLayout& p) {
  return {{"linked_clusters", std::to_string(p.linked_clusters)},
          {"spanning_clusters", std::to_string(p.spanning_clusters)},
          {"parks_per_spanning", std::to_string(p.parks_per_spanning)},
          {"colocation_parks", std::to_string(p.colocation_parks)},
          {"export_parks", std::to_string(p.export_parks)},
          {"small_parks", std::to_string(p.small_parks)},
          {"small_park_firms", std::to_string(p.small_park_firms)},
          {"firms_per_park", std::to_string(p.firms_per_park)},
          {"town_firms", std::to_string(p.town_firms)},
          {"outside_buyers", std::to_string(p.outside_buyers)},
          {"link_density", parameter_text(p.link_density)}};
}

const std::vector<ValueChain>& value_chains() {
  static const std::vector<ValueChain> chains = {
      {"Textile", "C17", {"fibre", "spinning", "weaving", "dyeing", "garment_making", "wholesale"}, 4},
      {"Electronics", "C39", {"components", "circuit_boards", "modules", "assembly", "testing"}, 3},
      {"Auto Parts", "C36", {"casting", "machining", "subassembly", "vehicle_assembly", "dealers"}, 3},
      {"Machinery", "C34", {"steel_processing", "parts", "machine_assembly", "maintenance"}, 2},
      {"Food", "C13", {"farming", "processing", "packaging", "distribution"}, 1},
      {"Furniture", "C21", {"timber", "boards", "furniture_making", "finishing", "retail"}, 2},
  };
  return chains;
}

const char* origin_name(LinkOrigin origin) {
  switch (origin) {
    case LinkOrigin::value_chain: return "value_chain";
    case LinkOrigin::cooperation: return "cooperation";
    case LinkOrigin::subcontract: return "subcontract";
    case LinkOrigin::institution: return "institution";
    case LinkOrigin::export_trade: return "export_trade";
    case LinkOrigin::background: return "background";
    case LinkOrigin::critical_input: return "critical_input";
  }
  return "";
}

ParkWorld::ParkWorld(Rng& rng, double link_density, int firms_per_park, FirmTraits traits)
    : rng_(rng), link_density_(link_density), firms_per_park_(firms_per_park), traits_(traits) {}

NodeId ParkWorld::add_node(NodeRow row, const std::string& park, const std::string& cluster, const std::string& role,
                           const std::string& verdict, bool anchor, std::int64_t stage_order, int chain) {
  // The study region is one region; its towns go to the extra column "town", so that links to
  // other towns stay "elsewhere in the region" and only links to outside buyers leave it.
  towns_.push_back(row.region == kOutsideRegion ? "" : row.region);
  if (row.region != kOutsideRegion) row.region = kStudyRegion;
  const NodeId id = nodes_.add(row);
  chain_of_.push_back(chain);
  truth_stage_order_.push_back(stage_order);
  truth_park_.push_back(park);
  truth_cluster_.push_back(cluster);
  truth_role_.push_back(role);
  truth_verdict_.push_back(verdict);
  truth_anchor_.push_back(anchor ? 1 : 0);
  return id;
}

NodeId ParkWorld::plant_critical_supplier(const Place& place, const std::string& industry, int customers) {
  std::vector<NodeId> anchors, members;
  for (NodeId v = 0; v < truth_role_.size(); ++v) {
    if (truth_role_[v] == "anchor") anchors.push_back(v);
    if (truth_role_[v] == "member") members.push_back(v);
  }
  if (anchors.empty() && members.empty()) throw UsageError("scenario: --critical-suppliers needs a planted cluster");
  NodeRow row;
  char id[32];
  std::snprintf(id, sizeof id, "F%05zu", nodes_.size() + 1);
  row.id = id;
  row.name = "Specialty Inputs Co. " + std::to_string(nodes_.size() + 1);
  row.industry = industry;
  row.stage = "specialty_input";
  row.region = place.town;
  row.lat = place.lat + rng_.normal(0, place.spread_deg);
  row.lon = place.lon + rng_.normal(0, place.spread_deg * place.lon_stretch);
  row.employees = std::round(rng_.lognormal(std::log(80.0), 0.3));  // mid-size: above the median firm, far below anchors
  row.revenue = std::round(row.employees * rng_.lognormal(std::log(60.0), 0.5) * 10) / 10;
  row.ownership = "private";
  row.founded = founded_between(1995, 2015);
  const NodeId node = add_node(row, "", "", "critical_supplier", "", false, 0, -1);
  region_firms_.push_back(node);
  // Anchors first, then cluster members, each list in a random order.
  for (std::vector<NodeId>* list : {&anchors, &members})
    for (std::size_t k = list->size(); k > 1; --k) std::swap((*list)[k - 1], (*list)[rng_.below(k)]);
  std::vector<NodeId> chosen = anchors;
  chosen.insert(chosen.end(), members.begin(), members.end());
  chosen.resize(std::min(chosen.size(), static_cast<std::size_t>(std::max(customers, 0))));
  for (const NodeId customer : chosen)
    link(node, customer, RelationType::supply, std::max(0.01, std::round(trade_value() * 25) / 100), LinkOrigin::critical_input);
  return node;
}

NodeId ParkWorld::add_firm(const ValueChain& chain, std::size_t stage, const Place& place, bool anchor,
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
  row.lon = place.lon + rng_.normal(0, place.spread_deg * place.lon_stretch);
  // Heavy-tailed sizes: log-normal employees, revenue (10k CNY) = employees x log-normal
  // productivity.
  row.employees = std::max(1.0, std::round(anchor ? rng_.lognormal(std::log(1500.0), 0.5)
                                                  : rng_.lognormal(std::log(25.0), traits_.size_log_sd)));
  row.revenue = std::round(row.employees * rng_.lognormal(std::log(60.0), 0.5) * 10) / 10;
  const double r = rng_.uniform();
  const double foreign_share = foreign_leaning ? 0.45 : 0.12;
  row.ownership = r < foreign_share ? "foreign" : r < foreign_share + 0.08 ? "state" : r < foreign_share + 0.16 ? "collective" : "private";
  row.founded = anchor ? founded_between(1985, 2005) : founded_between(1985, 2023);
  const auto chain_index = static_cast<int>(&chain - value_chains().data());
  const NodeId node = add_node(row, place.park, cluster, role, verdict, anchor, static_cast<std::int64_t>(stage) + 1,
                               chain_index);
  region_firms_.push_back(node);
  return node;
}

void ParkWorld::add_park_truth(const Place& place, const char* verdict, const std::string& cluster, int firms,
                               const std::string& composition) {
  park_name_.push_back(place.park);
  park_verdict_.push_back(verdict);
  park_town_.push_back(place.town);
  park_cluster_.push_back(cluster);
  park_firms_.push_back(firms);
  park_composition_.push_back(composition);
}

void ParkWorld::plant_cluster(const std::vector<Place>& places, const char* verdict) {
  const std::string cluster = "cluster-" + std::to_string(next_cluster_++);
  // Successive clusters take successive value chains from a random starting chain.
  if (!chain_offset_) chain_offset_ = rng_.below(value_chains().size()) + 1;
  const ValueChain& chain = value_chains()[(*chain_offset_ + next_cluster_) % value_chains().size()];
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
    for (int i = 0; i < firms_per_park_; ++i) {
      const double position = (i + 0.5) / firms_per_park_ * total;
      std::size_t stage = 0;
      for (double cumulative = weight[0]; cumulative < position && stage + 1 < stage_count;) cumulative += weight[++stage];
      const bool anchor = &place == &places.front() && stage == chain.anchor_stage && anchors.size() < anchor_count;
      const NodeId node = add_firm(chain, stage, place, anchor, false, cluster, anchor ? "anchor" : "member", verdict);
      if (anchor) anchors.push_back(node);
      by_stage[stage].push_back(node);
      members.push_back({node, stage});
    }
    add_park_truth(place, verdict, cluster, firms_per_park_, std::string(chain.label) + " value chain");
  }

  auto pick_in_stage = [&](std::size_t stage) {
    if (stage == chain.anchor_stage && !anchors.empty() && rng_.bernoulli(kAnchorPull))
      return anchors[rng_.below(anchors.size())];
    const auto& pool = by_stage[stage];
    return pool[rng_.below(pool.size())];
  };
  for (const ClusterMember& m : members) {
    const std::uint64_t links = std::max<std::uint64_t>(1, rng_.poisson(link_density_));
    for (std::uint64_t l = 0; l < links; ++l) {
      std::size_t other;
      if (rng_.bernoulli(kAdjacentStageShare))
        other = m.stage + 1 < stage_count ? m.stage + 1 : m.stage - 1;
      else
        do other = rng_.below(stage_count); while (other == m.stage);
      const NodeId v = pick_in_stage(other);
      // Goods flow downstream: the lower stage supplies the higher one.
      if (other > m.stage)
        link(m.node, v, RelationType::supply, trade_value(), LinkOrigin::value_chain);
      else
        link(v, m.node, RelationType::supply, trade_value(), LinkOrigin::value_chain);
    }
    // A few horizontal cooperation links between same-stage firms.
    if (rng_.bernoulli(0.2) && by_stage[m.stage].size() > 1)
      link(m.node, by_stage[m.stage][rng_.below(by_stage[m.stage].size())], RelationType::cooperation, 1.0,
           LinkOrigin::cooperation);
  }
  // Anchors subcontract parts of their work to the firms of the stage before theirs.
  const auto& subcontractors = by_stage[chain.anchor_stage > 0 ? chain.anchor_stage - 1 : chain.anchor_stage + 1];
  for (NodeId anchor : anchors)
    for (NodeId v : subcontractors)
      if (rng_.bernoulli(0.4)) link(anchor, v, RelationType::subcontract, trade_value(), LinkOrigin::subcontract);

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
    row.founded = founded_between(1970, 2015);
    row.ownership = inst.kind == NodeKind::association ? "collective" : "state";
    const NodeId node = add_node(row, "", cluster, "institution", "", false, kMissingInt64, -1);
    for (const ClusterMember& m : members) {
      if (!rng_.bernoulli(inst.share)) continue;
      const double w = inst.type == RelationType::finance ? trade_value() : 1.0;
      if (inst.inbound)
        link(m.node, node, inst.type, w, LinkOrigin::institution);
      else
        link(node, m.node, inst.type, w, LinkOrigin::institution);
    }
  }
}

void ParkWorld::plant_colocation(const Place& place, double unrelated_share) {
  const auto& chains = value_chains();
  const ValueChain& chain = chains[rng_.below(chains.size())];
  const std::size_t stage = rng_.below(chain.stages.size());
  const std::int64_t firms = firms_per_park_;
  const std::int64_t unrelated = std::llround(unrelated_share * static_cast<double>(firms));
  for (std::int64_t i = 0; i < firms; ++i) {
    // Firm i is unrelated when the running quota floor((i + 1) x unrelated / firms) steps up.
    const bool is_unrelated = (i + 1) * unrelated / firms > i * unrelated / firms;
    if (is_unrelated) {
      const ValueChain& any = chains[rng_.below(chains.size())];
      add_firm(any, rng_.below(any.stages.size()), place, false, false, "", "colocated", kCoLocationOnly);
    } else {
      add_firm(chain, stage, place, false, false, "", "colocated", kCoLocationOnly);
    }
  }
  const std::string same_stage = std::string(chain.label) + " " + chain.stages[stage];
  add_park_truth(place, kCoLocationOnly, "", firms_per_park_,
                 unrelated == 0       ? same_stage + " only"
                 : unrelated == firms ? std::string("unrelated industries")
                                                : same_stage + ", " + std::to_string(unrelated) + " firms of unrelated industries");
}

void ParkWorld::plant_export(const Place& place, double activity) {
  const ValueChain& chain = value_chains()[kExportChain];
  const std::vector<NodeId> local_suppliers = region_firms_;
  std::vector<NodeId> firms;
  for (int i = 0; i < firms_per_park_; ++i)
    firms.push_back(add_firm(chain, chain.anchor_stage, place, false, true, "", "export", kExternallyOriented));
  for (NodeId u : firms) {
    const std::uint64_t links = std::max<std::uint64_t>(1, rng_.poisson(activity * link_density_));
    for (std::uint64_t l = 0; l < links; ++l) {
      if (local_suppliers.empty() || rng_.bernoulli(kExportOutsideShare))
        link(u, outside_buyers_[rng_.below(outside_buyers_.size())], RelationType::supply, trade_value(),
             LinkOrigin::export_trade);
      else
        link(local_suppliers[rng_.below(local_suppliers.size())], u, RelationType::supply, trade_value(),
             LinkOrigin::export_trade);
    }
  }
  add_park_truth(place, kExternallyOriented, "", firms_per_park_, "export assembly for outside buyers");
}

void ParkWorld::plant_small(const Place& place, int firms) {
  const auto& chains = value_chains();
  for (int i = 0; i < firms; ++i) {
    const ValueChain& chain = chains[rng_.below(chains.size())];
    add_firm(chain, rng_.below(chain.stages.size()), place, false, false, "", "small_park", kTooSmall);
  }
  add_park_truth(place, kTooSmall, "", firms, "a handful of firms");
}

void ParkWorld::add_outside_buyers(int count) {
  for (int i = 0; i < count; ++i) {
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
    row.founded = founded_between(1960, 2010);
    outside_buyers_.push_back(add_node(row, "", "", "outside_buyer", "", false, kMissingInt64, -1));
  }
}

void ParkWorld::add_background_link(NodeId drawer, NodeId partner, bool follow_chain) {
  const RelationType type = rng_.bernoulli(kBackgroundSupplyShare) ? RelationType::supply : RelationType::service;
  bool drawer_supplies;
  if (follow_chain && chain_of_[drawer] == chain_of_[partner] &&
      truth_stage_order_[drawer] != truth_stage_order_[partner])
    drawer_supplies = truth_stage_order_[drawer] < truth_stage_order_[partner];
  else
    drawer_supplies = rng_.bernoulli(0.5);
  if (drawer_supplies)
    link(drawer, partner, type, trade_value(), LinkOrigin::background);
  else
    link(partner, drawer, type, trade_value(), LinkOrigin::background);
}

GeneratedNetwork ParkWorld::finish(std::vector<std::pair<std::string, std::string>> parameters) && {
  GeneratedNetwork out;
  NodeTable table = std::move(nodes_).finish();
  table.extra.push_back(text_column("town", towns_));
  GraphBuilder builder(std::move(table));
  builder.reserve(links_.size());
  for (const PlannedLink& e : links_) builder.add_edge(e.source, e.target, e.type, e.weight, e.year);
  out.graph = std::move(builder).finish();

  TruthTable nodes_truth{"nodes", true, {}};
  nodes_truth.columns.push_back(text_column("park", truth_park_));
  if (traits_.town_in_truth) nodes_truth.columns.push_back(text_column("town", towns_));
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
  out.parameters = std::move(parameters);
  return out;
}

}  // namespace firmnet::generators
