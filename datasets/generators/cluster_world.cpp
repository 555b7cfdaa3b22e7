#include "datasets/generators/cluster_world.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include "datasets/generators/distance_decay_sampler.hpp"
#include "graph/errors.hpp"
#include "graph/random.hpp"

namespace firmnet::generators {
namespace {

constexpr double kCentreLat = 31.5, kCentreLon = 120.3;
constexpr double kKmPerDegree = 111.195;
constexpr const char* kStages[] = {"upstream", "midstream", "downstream"};
constexpr const char* kClusterIndustries[] = {"1392", "2910", "2610", "2100", "3100"};
constexpr const char* kColocatedIndustry = "4690";
constexpr const char* kBackgroundIndustries[] = {"1010", "1610", "1811", "2220", "2511", "2599",
                                                 "3312", "4321", "4520", "4923", "5610", "6201"};
// Centres of the planted clusters and of the co-location group, km east and north of the centre.
constexpr double kClusterCentres[][2] = {{-10, 6}, {10, 6}, {-10, -6}, {10, -6}, {0, 1}};
constexpr double kColocatedCentre[2] = {0, -9};

class ClusterWorldBuilder {
 public:
  explicit ClusterWorldBuilder(const ClusterWorldParameters& p) : p_(p), rng_(p.seed) {}

  GeneratedNetwork build() {
    for (int c = 1; c <= kPlantedClusters; ++c) plant(c);
    plant_colocated();
    plant_background();
    hide_coordinates();
    draw_background_trade();
    return finish();
  }

 private:
  struct Node {
    NodeRow row;
    double x = 0, y = 0;  // true position, km from the centre (also when published without coordinates)
    int cluster = 0;
    std::string role;
  };

  NodeId add(NodeKind kind, std::string industry, std::string stage, double x, double y, double employees,
             int cluster, std::string role, std::string ownership = "private") {
    Node node;
    node.row.id = "n" + std::to_string(nodes_.size());
    node.row.kind = kind;
    node.row.industry = std::move(industry);
    node.row.stage = std::move(stage);
    node.row.ownership = std::move(ownership);
    node.row.employees = std::round(employees);
    node.row.founded = static_cast<std::int32_t>(rng_.between(1985, 2020));
    node.x = x;
    node.y = y;
    node.cluster = cluster;
    node.role = std::move(role);
    if (node.role == "parent" || node.role == "outside_buyer") {
      node.row.region = "outside";
      node.row.lat = 35.0 + rng_.uniform(-0.5, 0.5);  // far from the region, beyond any background kernel
      node.row.lon = 115.0 + rng_.uniform(-0.5, 0.5);
    } else {
      node.row.region = x < 0 ? "west" : "east";
      node.row.lat = kCentreLat + y / kKmPerDegree;
      node.row.lon = kCentreLon + x / (kKmPerDegree * std::cos(kCentreLat * std::numbers::pi / 180));
    }
    nodes_.push_back(std::move(node));
    return static_cast<NodeId>(nodes_.size() - 1);
  }

  // A position around a centre with a Gaussian spread (km); the cross-border cluster's firms
  // alternate between the two sides of the border.
  std::pair<double, double> around(const double centre[2], double spread_km, int index, bool straddle) {
    double x = centre[0] + rng_.normal(0, spread_km), y = centre[1] + rng_.normal(0, spread_km);
    if (straddle) x = (index % 2 == 0 ? -1.0 : 1.0) * (0.1 + std::abs(rng_.normal(0, spread_km)));
    return {x, y};
  }

  void link(NodeId source, NodeId target, RelationType type) {
    if (source == target) return;
    links_.push_back({source, target, type, std::max(0.01, std::round(rng_.lognormal(0.5, 1.0) * 100) / 100)});
  }
  NodeId pick(const std::vector<NodeId>& among) { return among[rng_.below(among.size())]; }

  void plant(int cluster) {
    const std::string type = kPlantedClusterTypes[cluster - 1];
    const std::string industry = kClusterIndustries[cluster - 1];
    const double* centre = kClusterCentres[cluster - 1];
    const bool straddle = cluster == kCrossBorderCluster;
    if (type == "marshallian") plant_marshallian(cluster, industry, centre, straddle);
    if (type == "hub_and_spoke") plant_hub(cluster, industry, centre);
    if (type == "satellite") plant_satellite(cluster, industry, centre);
    if (type == "state_anchored") plant_state(cluster, industry, centre);
  }

  void plant_marshallian(int cluster, const std::string& industry, const double centre[2], bool straddle) {
    std::vector<NodeId> firms;
    std::vector<std::vector<NodeId>> by_stage(3);
    for (int i = 0; i < p_.cluster_firms; ++i) {
      const auto [x, y] = around(centre, 0.9, i, straddle);
      const NodeId v = add(NodeKind::firm, industry, kStages[i % 3], x, y, rng_.lognormal(std::log(12.0), 0.5), cluster, "member");
      firms.push_back(v);
      by_stage[i % 3].push_back(v);
    }
    for (std::size_t s = 0; s < 3; ++s)
      for (const NodeId v : by_stage[s]) {
        if (s < 2)  // sells to the next stage
          for (std::uint64_t k = 1 + rng_.poisson(1.5); k > 0; --k) link(v, pick(by_stage[s + 1]), RelationType::supply);
        for (std::uint64_t k = rng_.poisson(0.6); k > 0; --k)  // shares work within its stage
          link(v, pick(by_stage[s]), rng_.bernoulli(0.5) ? RelationType::subcontract : RelationType::cooperation);
      }
    const NodeId association = add(NodeKind::association, "", "", centre[0] + 0.2, centre[1], 8, cluster, "institution", "collective");
    const NodeId platform = add(NodeKind::service_platform, "", "", centre[0], centre[1] + 0.2, 15, cluster, "institution");
    for (const NodeId v : firms) {
      if (rng_.bernoulli(0.6)) link(v, association, RelationType::membership);
      if (rng_.bernoulli(0.4)) link(platform, v, RelationType::service);
    }
  }

  void plant_hub(int cluster, const std::string& industry, const double centre[2]) {
    std::vector<NodeId> anchors, tier1;
    for (int a = 0; a < 2; ++a)
      anchors.push_back(add(NodeKind::firm, industry, kStages[2], centre[0] + (a ? 0.5 : -0.5), centre[1],
                            rng_.uniform(2500, 4000), cluster, "anchor"));
    const int suppliers = p_.cluster_firms - 2, tier1_count = suppliers * 2 / 3;
    for (int i = 0; i < suppliers; ++i) {
      const auto [x, y] = around(centre, 1.0, i, false);
      const bool first_tier = i < tier1_count;
      const NodeId v = add(NodeKind::firm, industry, kStages[first_tier ? 1 : 0], x, y, rng_.lognormal(std::log(40.0), 0.6), cluster, "member");
      if (first_tier) {
        tier1.push_back(v);
        const int first = static_cast<int>(rng_.below(2));
        link(v, anchors[first], RelationType::supply);
        if (rng_.bernoulli(0.5)) link(v, anchors[1 - first], RelationType::supply);
        if (rng_.bernoulli(0.3)) link(v, anchors[first], RelationType::subcontract);
      } else {
        link(v, pick(tier1), RelationType::supply);
      }
    }
  }

  void plant_satellite(int cluster, const std::string& industry, const double centre[2]) {
    std::vector<NodeId> parents, buyers, branches;
    for (int i = 0; i < 4; ++i) parents.push_back(add(NodeKind::firm, industry, kStages[0], 0, 0, rng_.uniform(5000, 20000), cluster, "parent", "foreign"));
    for (int i = 0; i < 8; ++i) buyers.push_back(add(NodeKind::firm, "4690", kStages[2], 0, 0, rng_.uniform(200, 2000), cluster, "outside_buyer"));
    for (int i = 0; i < p_.cluster_firms; ++i) {
      const auto [x, y] = around(centre, 0.7, i, false);
      const NodeId v = add(NodeKind::firm, industry, kStages[1 + i % 2], x, y, rng_.lognormal(std::log(150.0), 0.4), cluster, "branch", "foreign");
      branches.push_back(v);
      const NodeId parent = parents[static_cast<std::size_t>(i) % parents.size()];
      link(parent, v, RelationType::ownership);
      link(parent, v, RelationType::supply);
      for (int k = 0; k < 3; ++k) link(v, pick(buyers), RelationType::supply);
    }
    // Sparse local supply: midstream branches sell to downstream ones.
    for (std::size_t i = 0; i < branches.size(); i += 2)
      for (std::uint64_t k = 1 + rng_.poisson(0.5); k > 0; --k) link(branches[i], branches[1 + 2 * rng_.below(branches.size() / 2)], RelationType::supply);
  }

  void plant_state(int cluster, const std::string& industry, const double centre[2]) {
    const NodeId university = add(NodeKind::university, "", "", centre[0], centre[1], 3000, cluster, "anchor", "state");
    const NodeId state_firm = add(NodeKind::firm, industry, kStages[1], centre[0] + 0.3, centre[1] - 0.2, 800, cluster, "anchor", "state");
    std::vector<NodeId> firms;
    for (int i = 0; i < p_.cluster_firms - 1; ++i) {
      const auto [x, y] = around(centre, 0.9, i, false);
      const std::size_t stage = i % 2 == 0 ? 0 : 2;
      const NodeId v = add(NodeKind::firm, industry, kStages[stage], x, y, rng_.lognormal(std::log(30.0), 0.6), cluster, "member");
      firms.push_back(v);
      if (rng_.bernoulli(0.85)) link(university, v, RelationType::technology);
      if (rng_.bernoulli(0.4)) link(v, university, RelationType::cooperation);
      if (rng_.bernoulli(0.75)) stage == 0 ? link(v, state_firm, RelationType::supply) : link(state_firm, v, RelationType::supply);
    }
    for (const NodeId v : firms)
      for (std::uint64_t k = rng_.poisson(0.4); k > 0; --k) link(v, pick(firms), RelationType::supply);
  }

  void plant_colocated() {
    for (int i = 0; i < p_.colocated_firms; ++i) {
      const auto [x, y] = around(kColocatedCentre, 0.5, i, false);
      add(NodeKind::firm, kColocatedIndustry, kStages[1], x, y, rng_.lognormal(std::log(25.0), 0.8), 0, "colocated");
    }
  }

  // Clusters sit in towns among other firms (a cluster is no more isolated than its town):
  // the first towns are the clusters' and the co-location group's places, the others random.
  void plant_background() {
    std::vector<std::pair<double, double>> towns;
    for (const auto& centre : kClusterCentres) towns.emplace_back(centre[0], centre[1]);
    towns.emplace_back(kColocatedCentre[0], kColocatedCentre[1]);
    while (static_cast<int>(towns.size()) < p_.towns) towns.emplace_back(rng_.uniform(-16, 16), rng_.uniform(-12, 12));
    for (int i = 0; i < p_.background_firms; ++i) {
      const auto& town = towns[rng_.below(towns.size())];
      const double centre[2] = {town.first, town.second};
      const auto [x, y] = around(centre, 1.5, i, false);
      const std::string stage = rng_.bernoulli(0.3) ? kStages[rng_.below(3)] : "";
      add(NodeKind::firm, kBackgroundIndustries[rng_.below(std::size(kBackgroundIndustries))], stage, x, y,
          rng_.lognormal(std::log(25.0), 1.0), 0, "background");
    }
  }

  bool in_region(const Node& node) const { return node.row.region != "outside"; }

  void hide_coordinates() {
    std::vector<NodeId> ordinary;
    for (NodeId v = 0; v < nodes_.size(); ++v)
      if (in_region(nodes_[v]) && nodes_[v].row.kind == NodeKind::firm && nodes_[v].role != "anchor") ordinary.push_back(v);
    rng_.shuffle(ordinary);
    const auto hidden = static_cast<std::size_t>(std::llround(p_.missing_coordinates * static_cast<double>(ordinary.size())));
    for (std::size_t i = 0; i < hidden; ++i) {
      nodes_[ordinary[i]].row.lat = std::numeric_limits<double>::quiet_NaN();
      nodes_[ordinary[i]].row.lon = std::numeric_limits<double>::quiet_NaN();
    }
  }

  void draw_background_trade() {
    std::vector<NodeId> firms;
    std::vector<double> lat, lon, mass;
    for (NodeId v = 0; v < nodes_.size(); ++v) {
      const Node& node = nodes_[v];
      if (!in_region(node) || node.row.kind != NodeKind::firm) continue;
      firms.push_back(v);
      lat.push_back(kCentreLat + node.y / kKmPerDegree);  // true positions, also for firms published without
      lon.push_back(kCentreLon + node.x / (kKmPerDegree * std::cos(kCentreLat * std::numbers::pi / 180)));
      mass.push_back(std::sqrt(node.row.employees));
    }
    double mean_mass = 0;
    for (const double m : mass) mean_mass += m / static_cast<double>(mass.size());
    std::vector<std::uint32_t> counts(firms.size());
    for (std::size_t i = 0; i < firms.size(); ++i)
      counts[i] = static_cast<std::uint32_t>(rng_.poisson(p_.background_degree * mass[i] / mean_mass));
    const DistanceDecayKernel kernel{p_.decay_km, 8 * p_.decay_km};
    const PartnerDraws draws = draw_distance_decay_partners(lat, lon, mass, counts, kernel, derive_seed(p_.seed, 0x4247));
    for (std::size_t k = 0; k < draws.drawer.size(); ++k) {
      NodeId a = firms[draws.drawer[k]], b = firms[draws.partner[k]];
      if (rng_.bernoulli(0.5)) std::swap(a, b);
      link(a, b, rng_.bernoulli(0.85) ? RelationType::supply : RelationType::service);
    }
  }

  GeneratedNetwork finish() {
    NodeTableBuilder table;
    std::vector<std::int64_t> planted(nodes_.size());
    std::vector<std::string> types(nodes_.size()), roles(nodes_.size());
    for (NodeId v = 0; v < nodes_.size(); ++v) {
      table.add(nodes_[v].row);
      const bool member = nodes_[v].cluster > 0 && in_region(nodes_[v]);
      planted[v] = member ? nodes_[v].cluster : 0;
      types[v] = member ? kPlantedClusterTypes[nodes_[v].cluster - 1] : "";
      roles[v] = nodes_[v].role;
    }
    GraphBuilder builder(std::move(table).finish());
    builder.reserve(links_.size());
    for (const Link& l : links_) builder.add_edge(l.source, l.target, l.type, l.weight);
    GeneratedNetwork network;
    network.graph = std::move(builder).finish();

    TruthTable truth_nodes{"nodes", true, {}};
    truth_nodes.columns.push_back({"planted_cluster", planted});
    truth_nodes.columns.push_back(text_column("planted_type", types));
    truth_nodes.columns.push_back(text_column("role", roles));
    TruthTable truth_clusters{"clusters", false, {}};
    std::vector<std::int64_t> numbers, firm_counts, cross;
    std::vector<std::string> cluster_types, regions;
    for (int c = 1; c <= kPlantedClusters; ++c) {
      std::set<std::string> seen;
      std::int64_t firms = 0;
      for (const Node& node : nodes_)
        if (node.cluster == c && in_region(node)) {
          seen.insert(node.row.region);
          firms += node.row.kind == NodeKind::firm;
        }
      std::string joined;
      for (const std::string& r : seen) joined += (joined.empty() ? "" : ";") + r;
      numbers.push_back(c);
      cluster_types.push_back(kPlantedClusterTypes[c - 1]);
      firm_counts.push_back(firms);
      regions.push_back(joined);
      cross.push_back(c == kCrossBorderCluster);
    }
    truth_clusters.columns.push_back({"planted_cluster", numbers});
    truth_clusters.columns.push_back(text_column("type", cluster_types));
    truth_clusters.columns.push_back({"firms", firm_counts});
    truth_clusters.columns.push_back(text_column("regions", regions));
    truth_clusters.columns.push_back({"cross_border", cross});
    network.truth = {std::move(truth_nodes), std::move(truth_clusters)};
    network.parameters = {{"cluster_firms", std::to_string(p_.cluster_firms)},
                          {"colocated_firms", std::to_string(p_.colocated_firms)},
                          {"background_firms", std::to_string(p_.background_firms)},
                          {"towns", std::to_string(p_.towns)},
                          {"decay_km", parameter_text(p_.decay_km)},
                          {"background_degree", parameter_text(p_.background_degree)},
                          {"missing_coordinates", parameter_text(p_.missing_coordinates)},
                          {"seed", std::to_string(p_.seed)}};
    return network;
  }

  struct Link {
    NodeId source, target;
    RelationType type;
    double weight;
  };

  const ClusterWorldParameters& p_;
  Rng rng_;
  std::vector<Node> nodes_;
  std::vector<Link> links_;
};

}  // namespace

void validate(const ClusterWorldParameters& p) {
  if (p.cluster_firms < 10 || p.cluster_firms > 10000) throw UsageError("clusters: --cluster-firms must be in [10, 10000]");
  if (p.colocated_firms < 0) throw UsageError("clusters: --colocated-firms must be >= 0");
  if (p.background_firms < 0) throw UsageError("clusters: --background-firms must be >= 0");
  if (p.towns < 6) throw UsageError("clusters: --towns must be >= 6");
  if (!(p.decay_km > 0) || !std::isfinite(p.decay_km)) throw UsageError("clusters: --decay-km must be > 0");
  if (!(p.background_degree >= 0) || !std::isfinite(p.background_degree))
    throw UsageError("clusters: --background-degree must be >= 0");
  if (!(p.missing_coordinates >= 0 && p.missing_coordinates <= 0.5))
    throw UsageError("clusters: --missing-coordinates must be in [0, 0.5]");
}

GeneratedNetwork generate_cluster_world(const ClusterWorldParameters& parameters) {
  validate(parameters);
  return ClusterWorldBuilder(parameters).build();
}

std::vector<std::string> verify_cluster_world(const GeneratedNetwork& world, const ClusterWorldParameters& p) {
  std::vector<std::string> violations;
  const NodeTable& nodes = world.graph.nodes;
  const auto& planted = std::get<Int64Column>(world.truth_table("nodes").column("planted_cluster").values);
  if (planted.size() != nodes.size()) return {"truth_nodes has " + std::to_string(planted.size()) + " rows for " + std::to_string(nodes.size()) + " nodes"};
  std::vector<std::int64_t> firms(kPlantedClusters + 1, 0);
  std::vector<std::set<std::string>> regions(kPlantedClusters + 1);
  std::int64_t ordinary = 0, hidden = 0;
  for (NodeId v = 0; v < nodes.size(); ++v) {
    const std::string region{nodes.region.value(v)};
    const bool outside = region == "outside";
    if (planted[v] < 0 || planted[v] > kPlantedClusters) violations.push_back("node " + std::to_string(v) + ": planted cluster out of range");
    if (outside && planted[v] != 0) violations.push_back("node " + std::to_string(v) + ": outside the region but in a planted cluster");
    if (planted[v] > 0) {
      firms[planted[v]] += nodes.kind[v] == NodeKind::firm;
      regions[planted[v]].insert(region);
    }
    if (!outside && region != "west" && region != "east") violations.push_back("node " + std::to_string(v) + ": unknown region " + region);
    if (!outside && nodes.kind[v] == NodeKind::firm && nodes.employees[v] < 1000) {
      ++ordinary;
      hidden += !nodes.located(v);
    } else if (!nodes.located(v)) {
      violations.push_back("node " + std::to_string(v) + ": an anchor or outside node without coordinates");
    }
  }
  for (int c = 1; c <= kPlantedClusters; ++c) {
    if (firms[c] != p.cluster_firms) violations.push_back("cluster " + std::to_string(c) + ": " + std::to_string(firms[c]) + " firms");
    const std::size_t expected_regions = c == kCrossBorderCluster ? 2 : 1;
    if (regions[c].size() != expected_regions) violations.push_back("cluster " + std::to_string(c) + ": in " + std::to_string(regions[c].size()) + " regions");
  }
  if (ordinary > 0 && hidden == 0 && p.missing_coordinates * static_cast<double>(ordinary) >= 1)
    violations.push_back("no firm without coordinates");
  return violations;
}

}  // namespace firmnet::generators
