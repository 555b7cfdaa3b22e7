// firmnet-mpi distributed: graph-parallel analyses of a network split over the ranks
// (distributed/): degree and strength, weakly connected components, PageRank, k-core
// coreness and Louvain communities with a connectivity refinement. Every rank reads its part of the file with collective hyperslab reads; rank 0
// gathers the per-node values, stores them as one result and prints a summary.
#include <mpi.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "distributed/distributed_components.hpp"
#include "distributed/distributed_coreness.hpp"
#include "distributed/distributed_degree.hpp"
#include "distributed/distributed_graph.hpp"
#include "distributed/distributed_graph_verifier.hpp"
#include "distributed/distributed_louvain.hpp"
#include "distributed/distributed_pagerank.hpp"
#include "graph/errors.hpp"
#include "graph/process_group.hpp"
#include "io/json_writer.hpp"
#include "io/results.hpp"
#include "report/render.hpp"

namespace firmnet::cli {
namespace {

struct DistributedArgs {
  std::string file, name = "distributed", measures = "degree,components,pagerank,coreness,communities", layers, years;
  double memory_cap_mb = 0, damping = 0.85, tolerance = 1e-10, resolution = 1.0;
  int max_iterations = 1000;
  bool weighted = false;
};

const CommandRegistration registration(200, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<DistributedArgs>();
  CLI::App* sub = app.add_subcommand("distributed", "Graph-parallel analyses of a network split over the MPI ranks");
  sub->footer(
      "The network is split by an edge-balanced 1D vertex partition; each rank holds its nodes'\n"
      "out- and in-rows and ghosts for remote endpoints (docs/MPI.md). Measures: degree\n"
      "(out/in degree and strength), components (weakly connected), pagerank, coreness (k-core,\n"
      "total degree), communities (distributed Louvain with connected refinement, Ghosh et al.\n"
      "2018). The values equal firmnet centrality's on one process; communities are within a\n"
      "small modularity margin of firmnet communities' Leiden.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--measures", args->measures, "Comma-separated: degree, components, pagerank, coreness, communities")
      ->capture_default_str();
  sub->add_option("--layers", args->layers, "Relation types to include, e.g. supply,subcontract (default: all)");
  sub->add_option("--years", args->years, "Years to include: 2019, 2015-2020, 2018- or -2020 (default: all)");
  sub->add_option("--resolution", args->resolution, "Modularity resolution of the communities")->capture_default_str();
  sub->add_option("--memory-cap", args->memory_cap_mb, "Refuse a rank part above this many MB (0: no cap)")->capture_default_str();
  sub->add_flag("--weighted", args->weighted, "PageRank follows edge weights");
  sub->add_option("--damping", args->damping, "PageRank damping factor")->capture_default_str();
  sub->add_option("--tolerance", args->tolerance, "PageRank L1 stopping tolerance")->capture_default_str();
  sub->add_option("--max-iterations", args->max_iterations, "PageRank iteration cap")->capture_default_str();
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  return [args, &globals]() {
    std::vector<std::string> measures;
    {
      std::stringstream list(args->measures);
      for (std::string word; std::getline(list, word, ',');)
        if (!word.empty()) measures.push_back(word);
    }
    for (const auto& m : measures)
      if (m != "degree" && m != "components" && m != "pagerank" && m != "coreness" && m != "communities")
        throw UsageError("unknown measure '" + m + "' (degree, components, pagerank, coreness, communities)");
    auto wants = [&](const char* m) { return std::find(measures.begin(), measures.end(), m) != measures.end(); };
    const double start = MPI_Wtime();
    distributed::DistributedGraphOptions options;
    options.memory_cap_mb = args->memory_cap_mb;
    options.filter = EdgeFilter::parse(args->layers, args->years);
    const auto graph = distributed::DistributedGraph::load(args->file, MPI_COMM_WORLD, options);
    const double loaded = MPI_Wtime();
    if (globals.verify) {
      // Rank 0 holds the verdict; a failure there ends the job (cli/mpi/main.cpp).
      const Verification verification = distributed::verify_distributed_graph(graph, args->file);
      if (writes_output()) require_verified("distributed graph", verification);
    }

    Result result;
    result.name = args->name;
    result.method = "distributed";
    result.parameters = {{"measures", args->measures}, {"selection", options.filter.describe()},
                         {"ranks", std::int64_t{graph.ranks()}},
                         {"memory_cap_mb", args->memory_cap_mb}, {"weighted", std::int64_t{args->weighted}},
                         {"damping", args->damping}, {"tolerance", args->tolerance},
                         {"max_iterations", std::int64_t{args->max_iterations}}, {"resolution", args->resolution}};
    result.seed = globals.seed;
    result.threads = globals.effective_threads();
    if (wants("degree")) {
      const auto degrees = distributed::distributed_degrees(graph);
      result.add_column("out_degree", graph.gather_to_root(degrees.out_degree));
      result.add_column("in_degree", graph.gather_to_root(degrees.in_degree));
      result.add_column("out_strength", graph.gather_to_root(degrees.out_strength));
      result.add_column("in_strength", graph.gather_to_root(degrees.in_strength));
    }
    if (wants("components")) {
      const auto components = distributed::distributed_weak_components(graph);
      result.add_column("component", graph.gather_to_root(components.membership));
      result.scalars.emplace_back("components", static_cast<std::int64_t>(components.count));
      result.scalars.emplace_back("component_rounds", std::int64_t{components.rounds});
    }
    if (wants("pagerank")) {
      distributed::DistributedPageRankOptions pagerank_options;
      pagerank_options.damping = args->damping;
      pagerank_options.tolerance = args->tolerance;
      pagerank_options.max_iterations = args->max_iterations;
      pagerank_options.weighted = args->weighted;
      const auto pagerank = distributed::distributed_pagerank(graph, pagerank_options);
      result.add_column("pagerank", graph.gather_to_root(pagerank.scores));
      result.scalars.emplace_back("pagerank_iterations", std::int64_t{pagerank.iterations});
      const auto bytes = distributed::allreduce_one<std::uint64_t>(pagerank.bytes_per_iteration, MPI_SUM, MPI_COMM_WORLD);
      result.scalars.emplace_back("pagerank_bytes_per_iteration", static_cast<std::int64_t>(bytes));
    }
    if (wants("coreness")) {
      const auto coreness = distributed::distributed_coreness(graph);
      result.add_column("coreness", graph.gather_to_root(coreness.coreness));
      result.scalars.emplace_back("coreness_rounds", std::int64_t{coreness.rounds});
    }
    if (wants("communities")) {
      distributed::DistributedLouvainOptions louvain_options;
      louvain_options.resolution = args->resolution;
      const auto communities = distributed::distributed_louvain(graph, louvain_options);
      result.add_column("community", graph.gather_to_root(communities.membership));
      result.scalars.emplace_back("communities", static_cast<std::int64_t>(communities.count));
      result.scalars.emplace_back("modularity", communities.modularity);
      result.scalars.emplace_back("louvain_levels", std::int64_t{communities.levels});
      result.scalars.emplace_back("louvain_bytes_per_level", static_cast<std::int64_t>(communities.bytes_per_level));
    }
    const double finished = MPI_Wtime();
    const auto part = graph.part_bytes();
    result.scalars.emplace_back("ranks", std::int64_t{graph.ranks()});
    result.scalars.emplace_back("max_part_bytes", static_cast<std::int64_t>(distributed::allreduce_one<std::uint64_t>(part, MPI_MAX, MPI_COMM_WORLD)));
    result.scalars.emplace_back("load_seconds", loaded - start);
    result.scalars.emplace_back("compute_seconds", finished - loaded);
    write_result(args->file, result);
    if (!writes_output()) return 0;
    if (globals.json) {
      print_json_result(result, args->file);
      return 0;
    }
    std::cout << "Distributed analyses of " << format_count(graph.global_node_count()) << " nodes on " << graph.ranks()
              << " ranks stored as /results/" << result.name << "\n";
    std::vector<std::pair<std::string, std::string>> facts;
    for (const auto& [key, value] : result.scalars) facts.emplace_back(key, key);
    print_scalars(result, facts);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli
