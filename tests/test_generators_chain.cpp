// Tests of the `chain` generator (Datang sock cluster, docs/CONCEPTS.md §5): stage sizes, the
// planted stage-to-stage flows, anchors with their family workshops, the broker's betweenness
// (cross-checked with igraph) and determinism.
#include <catch2/catch.hpp>
#include <igraph/igraph.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "datasets/generators/chain.hpp"
#include "graph/errors.hpp"

using namespace firmnet;
using namespace firmnet::generators;

namespace {

const Int64Column& ints(const TruthTable& t, const std::string& name) {
  return std::get<Int64Column>(t.column(name).values);
}

}  // namespace

TEST_CASE("chain: stage sizes follow the Datang table and scale with --firms", "[generators]") {
  const auto& stages = sock_chain_stages();
  const std::vector<int> full = chain_stage_sizes(5083);
  for (std::size_t s = 0; s < stages.size(); ++s) CHECK(full[s] == stages[s].primer_firms);
  for (int firms : {60, 1000, 20000}) {
    const std::vector<int> sizes = chain_stage_sizes(firms);
    int total = 0;
    for (std::size_t s = 0; s < stages.size(); ++s) {
      total += sizes[s];
      CHECK(sizes[s] >= 1);
      if (stages[s].name != "knitting")
        CHECK(std::abs(sizes[s] - stages[s].primer_firms * firms / 5083.0) <= 1.0);
    }
    CHECK(total == firms);
  }
  ChainParameters p;
  p.firms = 1000;
  const GeneratedNetwork net = generate_chain(p);
  CHECK(net.graph.node_count() == 1001);  // firms plus the broker
}

TEST_CASE("chain: every link follows a planted stage-to-stage flow", "[generators]") {
  const GeneratedNetwork net = generate_chain({});
  const Graph& g = net.graph;
  const auto& stage = g.nodes.stage;
  // The Datang flows of docs/generators.md, written out independently of the generator.
  using Flow = std::tuple<std::string, std::string, RelationType>;
  const std::set<Flow> allowed = {
      {"raw_material", "material_dealer", RelationType::supply},
      {"material_dealer", "knitting", RelationType::supply},
      {"machine_parts", "knitting", RelationType::supply},
      {"knitting", "toe_sewing", RelationType::subcontract},
      {"knitting", "knitting", RelationType::subcontract},
      {"toe_sewing", "dyeing", RelationType::supply},
      {"toe_sewing", "setting", RelationType::supply},
      {"dyeing", "setting", RelationType::supply},
      {"dyeing", "packaging", RelationType::supply},
      {"setting", "packaging", RelationType::supply},
      {"packaging", "sales", RelationType::supply},
      {"knitting", "sales", RelationType::supply},
      {"freight", "sales", RelationType::service},
      {"design_service", "knitting", RelationType::service},
      {"sales", "design_service", RelationType::cooperation},
  };
  std::map<Flow, int> seen;
  for (NodeId u = 0; u < g.node_count(); ++u)
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const Flow flow{std::string(stage.value(u)), std::string(stage.value(g.out_target[e])), g.edges.type[e]};
      INFO(std::get<0>(flow) << " -> " << std::get<1>(flow));
      CHECK(allowed.count(flow) == 1);
      ++seen[flow];
    }
  for (const Flow& flow : allowed) {
    INFO(std::get<0>(flow) << " -> " << std::get<1>(flow));
    CHECK(seen[flow] > 0);
  }
  // Every raw-material producer sells, every sales firm has a freight provider.
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (stage.value(u) == "raw_material") CHECK(g.out_degree(u) >= 1);
    if (stage.value(u) != "sales") continue;
    int freight = 0;
    for (NodeId v : g.in_neighbors(u)) freight += stage.value(v) == "freight";
    CHECK(freight >= 1);
  }
}

TEST_CASE("chain: anchors subcontract to family workshops and lead the knitters", "[generators]") {
  const GeneratedNetwork net = generate_chain({});
  const Graph& g = net.graph;
  const TruthTable& truth = net.truth_table("nodes");
  const auto& anchor = ints(truth, "is_anchor");
  const auto& anchor_of = std::get<StringColumn>(truth.column("anchor_of").values);
  const auto& role = std::get<StringColumn>(truth.column("role").values);
  int anchors = 0, workshops = 0;
  EdgeId weakest_anchor = ~EdgeId{0}, strongest_other = 0;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    const EdgeId degree = g.out_degree(u) + g.in_degree(u);
    if (anchor[u]) {
      ++anchors;
      weakest_anchor = std::min(weakest_anchor, degree);
      CHECK(g.nodes.stage.value(u) == "knitting");
    } else if (g.nodes.stage.value(u) == "knitting") {
      strongest_other = std::max(strongest_other, degree);
    }
    if (role.value(u) == "family_workshop") {
      ++workshops;
      // A workshop's only partner is its anchor, which subcontracts to it.
      const std::int64_t a = g.find_node(anchor_of.value(u));
      REQUIRE(a >= 0);
      CHECK(anchor[a] == 1);
      REQUIRE(g.in_degree(u) == 1);
      CHECK(g.in_neighbors(u)[0] == static_cast<NodeId>(a));
      CHECK(g.edges.type[g.in_edge[g.in_begin(u)]] == RelationType::subcontract);
    }
  }
  CHECK(anchors == 10);  // 0.4% of 2,453 knitters
  CHECK(workshops == 1472);
  CHECK(weakest_anchor > 5 * strongest_other);
}

TEST_CASE("chain: the design broker has the highest betweenness (igraph)", "[generators]") {
  ChainParameters p;
  p.firms = 2000;
  const GeneratedNetwork net = generate_chain(p);
  const Graph& g = net.graph;
  igraph_vector_int_t edges;
  igraph_vector_int_init(&edges, 0);
  for (NodeId u = 0; u < g.node_count(); ++u)
    for (NodeId v : g.out_neighbors(u)) {
      igraph_vector_int_push_back(&edges, u);
      igraph_vector_int_push_back(&edges, v);
    }
  igraph_t ig;
  igraph_create(&ig, &edges, g.node_count(), IGRAPH_UNDIRECTED);
  igraph_vector_t betweenness;
  igraph_vector_init(&betweenness, 0);
  igraph_betweenness(&ig, &betweenness, igraph_vss_all(), IGRAPH_UNDIRECTED, nullptr);
  const auto& broker = ints(net.truth_table("nodes"), "is_broker");
  NodeId top = 0;
  for (NodeId u = 1; u < g.node_count(); ++u)
    if (VECTOR(betweenness)[u] > VECTOR(betweenness)[top]) top = u;
  CHECK(broker[top] == 1);
  CHECK(g.nodes.id[top] == "B0001");
  igraph_vector_destroy(&betweenness);
  igraph_destroy(&ig);
  igraph_vector_int_destroy(&edges);
}

TEST_CASE("chain: same seed, same network", "[generators]") {
  ChainParameters p;
  p.firms = 500;
  p.seed = 3;
  const auto a = generate_chain(p), b = generate_chain(p);
  CHECK(a.graph.fingerprint() == b.graph.fingerprint());
  CHECK(a.graph.nodes.lon == b.graph.nodes.lon);
  p.seed = 4;
  CHECK(generate_chain(p).graph.fingerprint() != a.graph.fingerprint());
  p.firms = 10;
  CHECK_THROWS_AS(generate_chain(p), UsageError);
}
