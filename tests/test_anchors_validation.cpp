// Validation on the generators' planted truth (docs/centrality.md): the planted anchors are the top
// anchors of their clusters (precision@k >= 0.9, k = planted count) on `scenario` and
// `chain`, and the planted design broker of `chain` ranks in the top 3 by betweenness.
// Clusters come from Leiden communities (as a user would run it) and, for scenario, also
// from the planted partition.
#include <catch2/catch.hpp>

#include <map>
#include <numeric>

#include "algorithms/anchors/anchor_score.hpp"
#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/community/leiden.hpp"
#include "datasets/generators/chain.hpp"
#include "datasets/generators/scenario.hpp"

using namespace firmnet;
using namespace firmnet::anchors;
using namespace firmnet::centrality;

namespace {

const std::vector<std::int64_t>& int_column(const generators::TruthTable& table, const std::string& name) {
  return std::get<Int64Column>(table.column(name).values);
}

std::vector<std::int64_t> leiden_membership(const Graph& g) {
  return community::leiden(undirected_projection(GraphView(g)), {}).membership;
}

// Firms of each cluster ranked by anchor score; hits among the top k, k = planted anchors.
std::pair<int, int> anchor_hits(const Graph& g, const std::vector<std::int64_t>& clusters,
                                const std::vector<std::int64_t>& is_anchor, const std::vector<double>& score) {
  std::map<std::int64_t, std::vector<NodeId>> members;
  for (NodeId v = 0; v < g.node_count(); ++v)
    if (clusters[v] >= 0 && g.nodes.kind[v] == NodeKind::firm) members[clusters[v]].push_back(v);
  int hits = 0, planted = 0;
  for (auto& [cluster, firms] : members) {
    int k = 0;
    for (NodeId v : firms) k += static_cast<int>(is_anchor[v]);
    std::stable_sort(firms.begin(), firms.end(), [&](NodeId x, NodeId y) { return score[x] > score[y]; });
    for (int i = 0; i < k; ++i) hits += static_cast<int>(is_anchor[firms[i]]);
    planted += k;
  }
  return {hits, planted};
}

}  // namespace

TEST_CASE("scenario: planted anchors are the top anchors of their clusters", "[anchors]") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    generators::ScenarioParameters parameters;
    parameters.seed = seed;
    const generators::GeneratedNetwork net = generators::generate_scenario(parameters);
    const Graph& g = net.graph;
    const auto& truth = net.truth_table("nodes");
    const auto& is_anchor = int_column(truth, "is_anchor");
    const auto& cluster_text = std::get<StringColumn>(truth.column("planted_cluster").values);
    const std::vector<std::int64_t> planted(cluster_text.codes.begin(), cluster_text.codes.end());
    for (bool use_leiden : {false, true}) {
      INFO("seed " << seed << " leiden " << use_leiden);
      AnchorRequest options;
      const AnchorOutcome a = run_anchors(GraphView(g), options, use_leiden ? leiden_membership(g) : planted);
      // Scored within the planted clusters: precision@k per cluster, pooled.
      const auto [hits, k] = anchor_hits(g, planted, is_anchor, a.score);
      REQUIRE(k >= 4);
      REQUIRE(static_cast<double>(hits) >= 0.9 * k);
    }
  }
}

TEST_CASE("chain: planted anchors lead the anchor ranking", "[anchors]") {
  for (std::uint64_t seed : {1u, 2u}) {
    INFO("seed " << seed);
    generators::ChainParameters parameters;
    parameters.seed = seed;
    const generators::GeneratedNetwork net = generators::generate_chain(parameters);
    const auto& is_anchor = int_column(net.truth_table("nodes"), "is_anchor");
    const AnchorOutcome a = run_anchors(GraphView(net.graph), AnchorRequest{}, leiden_membership(net.graph));
    // The town is one cluster: precision@k over all firms.
    const std::vector<std::int64_t> town(net.graph.node_count(), 0);
    const auto [hits, k] = anchor_hits(net.graph, town, is_anchor, a.score);
    REQUIRE(k >= 5);
    REQUIRE(static_cast<double>(hits) >= 0.9 * k);
  }
}

TEST_CASE("chain: the planted broker ranks in the top 3 by betweenness", "[centrality]") {
  for (std::uint64_t seed : {1u, 2u}) {
    INFO("seed " << seed);
    generators::ChainParameters parameters;
    parameters.seed = seed;
    const generators::GeneratedNetwork net = generators::generate_chain(parameters);
    const auto& is_broker = int_column(net.truth_table("nodes"), "is_broker");
    const auto scores = betweenness(Adjacency::undirected(GraphView(net.graph)), {}).scores;
    std::vector<NodeId> order(scores.size());
    std::iota(order.begin(), order.end(), NodeId{0});
    std::partial_sort(order.begin(), order.begin() + 3, order.end(),
                      [&](NodeId x, NodeId y) { return scores[x] > scores[y]; });
    REQUIRE((is_broker[order[0]] || is_broker[order[1]] || is_broker[order[2]]));
  }
}

TEST_CASE("scenario: buyers outside the study region are scored but never ranked", "[anchors]") {
  generators::ScenarioParameters parameters;
  parameters.seed = 1;
  const generators::GeneratedNetwork net = generators::generate_scenario(parameters);
  const Graph& g = net.graph;
  const std::int32_t outside = g.nodes.region.code_of("outside");
  REQUIRE(outside >= 0);
  auto is_outside = [&](NodeId v) { return g.nodes.region.codes[v] == outside; };
  auto outside_picks = [&](const AnchorOutcome& a) {
    int count = 0;
    for (const auto* list : {&a.top_overall, &a.top_by_group})
      for (const AnchorPick& p : *list) count += is_outside(p.node);
    return count;
  };
  const std::vector<std::int64_t> membership = leiden_membership(g);
  AnchorRequest options;
  options.study_area.outside_regions.clear();
  options.study_area.values = g.nodes.region.dictionary;  // every region, "outside" included
  const AnchorOutcome unrestricted = run_anchors(GraphView(g), options, membership);
  // The defect this guards against: supplied by a community's exporters, outside buyers
  // reach the top of their communities.
  REQUIRE(outside_picks(unrestricted) > 0);

  const AnchorOutcome a = run_anchors(GraphView(g), AnchorRequest{}, membership);
  CHECK(outside_picks(a) == 0);
  int outside_firms = 0;
  for (NodeId v = 0; v < g.node_count(); ++v) {
    if (g.nodes.kind[v] != NodeKind::firm) {
      CHECK(a.ranked[v] == 0);
      continue;
    }
    CHECK(a.ranked[v] == (is_outside(v) ? 0 : 1));
    // Scores are the same: only the ranking leaves them out.
    CHECK(a.score[v] == unrestricted.score[v]);
    if (is_outside(v)) {
      ++outside_firms;
      CHECK(a.reason[v].find("not ranked: region outside is outside the study area") != std::string::npos);
    }
  }
  CHECK(outside_firms == parameters.outside_buyers);
  // The lists are still full where enough firms remain.
  CHECK(a.top_overall.size() == options.top);
}
