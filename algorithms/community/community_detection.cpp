// Runs, best-run selection, quality, statistics and stability for `firmnet communities`.
#include "algorithms/community/community_detection.hpp"

#include <omp.h>

#include <cmath>
#include <limits>
#include <numeric>

#include "algorithms/community/igraph_methods.hpp"
#include "algorithms/community/modularity.hpp"
#include "graph/errors.hpp"
#include "graph/process_group.hpp"

namespace firmnet::community {

namespace {

constexpr std::pair<Method, std::string_view> kMethodNames[] = {
    {Method::leiden, "leiden"},   {Method::louvain, "louvain"},       {Method::infomap, "infomap"},
    {Method::lpa, "lpa"},         {Method::walktrap, "walktrap"},     {Method::fastgreedy, "fastgreedy"},
    {Method::igraph_leiden, "igraph-leiden"},
};

}  // namespace

bool uses_objective(Method method) {
  return method == Method::leiden || method == Method::louvain || method == Method::igraph_leiden;
}

std::string_view method_name(Method method) {
  for (auto [m, name] : kMethodNames)
    if (m == method) return name;
  return "leiden";
}

std::optional<Method> parse_method(std::string_view text) {
  for (auto [m, name] : kMethodNames)
    if (name == text) return m;
  if (text == "label_propagation" || text == "label-propagation") return Method::lpa;
  if (text == "fast_greedy" || text == "fast-greedy") return Method::fastgreedy;
  if (text == "igraph_leiden") return Method::igraph_leiden;
  return std::nullopt;
}

std::string_view refine_order_name(RefineOrder order) {
  return order == RefineOrder::lightest_first ? "lightest-first" : "visiting";
}

std::optional<RefineOrder> parse_refine_order(std::string_view text) {
  if (text == "visiting") return RefineOrder::visiting;
  if (text == "lightest-first" || text == "lightest_first") return RefineOrder::lightest_first;
  return std::nullopt;
}

std::string method_names() {
  std::string out;
  for (auto [m, name] : kMethodNames) out += (out.empty() ? "" : "|") + std::string(name);
  return out;
}

LeidenOptions leiden_options(const CommunityRequest& request, std::uint64_t seed) {
  LeidenOptions options;
  options.objective = request.objective;
  options.resolution = request.resolution;
  options.refine = request.method == Method::leiden;
  options.max_iterations = request.iterations;
  options.pass_stop_fraction = request.pass_stop_fraction;
  options.refine_lightest_first = request.refine_order == RefineOrder::lightest_first;
  options.seed = seed;
  return options;
}

CommunityOutcome run_communities(const GraphView& view, const CommunityRequest& request, const Progress& progress) {
  if (request.runs < 1) throw UsageError("--runs must be at least 1");
  if (!(request.resolution >= 0) || !std::isfinite(request.resolution))
    throw UsageError("--resolution must be a finite number >= 0");
  if (request.method == Method::infomap && request.infomap_trials < 1) throw UsageError("--trials must be at least 1");
  if (request.method == Method::walktrap && request.walktrap_steps < 1) throw UsageError("--steps must be at least 1");
  if (request.objective == Objective::cpm && !uses_objective(request.method))
    throw UsageError("--objective cpm applies to leiden, louvain and igraph-leiden only");
  if (request.objective == Objective::spatial_modularity && request.method != Method::leiden &&
      request.method != Method::louvain)
    throw UsageError("--objective spatial applies to leiden and louvain only");
  if (request.pass_stop_fraction != 0 && request.method != Method::leiden && request.method != Method::louvain)
    throw UsageError("--pass-stop-fraction applies to leiden and louvain only");
  if (!(request.pass_stop_fraction >= 0 && request.pass_stop_fraction <= 1))
    throw UsageError("--pass-stop-fraction must lie in [0, 1]");
  if (request.refine_order != RefineOrder::visiting && request.method != Method::leiden)
    throw UsageError("--refine-order applies to leiden only (the others do not refine)");

  const double start = omp_get_wtime();
  const WeightedCsr symmetric = undirected_projection(view);
  const WeightedCsr directed = directed_csr(view);
  const NodeId n = symmetric.node_count();
  const double gamma = request.objective == Objective::modularity ? request.resolution : 1.0;
  const Coordinates coordinates{view.graph().nodes.lat, view.graph().nodes.lon};
  std::optional<DeterrenceFunction> deterrence;
  if (request.objective == Objective::spatial_modularity)
    deterrence = fit_deterrence(symmetric, coordinates, request.deterrence, progress);

  struct Run {
    Membership membership;
    double score = 0, codelength = 0;
  };
  // One Leiden workspace per thread taking whole runs: later runs reuse the first one's
  // buffers (the aggregate row stores are the largest arrays of a run).
  std::vector<LeidenWorkspace> workspaces(static_cast<std::size_t>(std::max(1, omp_get_max_threads())));
  const auto run_once = [&](int run, LeidenWorkspace& workspace) {
    const std::uint64_t seed = request.seed + static_cast<std::uint64_t>(run);
    Run r;
    switch (request.method) {
      case Method::leiden:
      case Method::louvain: {
        LeidenOptions options = leiden_options(request, seed);
        if (deterrence) {
          options.coordinates = coordinates;
          options.deterrence = &*deterrence;
        }
        LeidenResult result = leiden(symmetric, options, {}, workspace);
        r.membership = std::move(result.membership);
        r.score = result.quality;
        break;
      }
      case Method::igraph_leiden:
        r.membership = igraph_leiden(symmetric, request.objective, request.resolution,
                                     request.iterations > 0 ? request.iterations : -1, seed);
        break;
      case Method::infomap:
        r.membership = infomap(directed, request.infomap_trials, seed, &r.codelength);
        r.score = -r.codelength;
        break;
      case Method::lpa:
        r.membership = label_propagation(symmetric, seed);
        break;
      case Method::walktrap:
        r.membership = walktrap(symmetric, request.walktrap_steps);
        break;
      case Method::fastgreedy:
        r.membership = fast_greedy(symmetric);
        break;
    }
    if (request.method != Method::leiden && request.method != Method::louvain && request.method != Method::infomap) {
      r.score = n == 0 ? 0.0
                : request.objective == Objective::cpm ? cpm_quality(symmetric, r.membership, request.resolution)
                                                      : modularity(symmetric, r.membership, gamma);
    }
    return r;
  };

  // Leiden and Louvain gain about 1.4x from a second thread, so with several runs the
  // threads each take whole runs, one thread apiece; the runs left over (fewer than the
  // threads) get all threads. A run's result does not depend on its thread count, so the
  // outcome is the same either way. The igraph methods stay serial: the library's state is
  // not thread-safe. In a process group (firmnet-mpi) each process runs its share of the runs
  // and the memberships are then exchanged, so every process ends with all of them.
  std::vector<Run> results(static_cast<std::size_t>(request.runs));
  std::vector<int> own_runs;
  for (int run = 0; run < request.runs; ++run)
    if (runs_replicate(static_cast<std::size_t>(run))) own_runs.push_back(run);
  const int own = static_cast<int>(own_runs.size());
  const int threads = omp_get_max_threads();
  const bool whole_runs_per_thread =
      (request.method == Method::leiden || request.method == Method::louvain) && threads > 1 && own > 1;
  const int concurrent_runs = whole_runs_per_thread ? own - own % threads : 0;
  int finished = 0;
#pragma omp parallel for schedule(static, 1) num_threads(threads) if (concurrent_runs > 0)
  for (int i = 0; i < concurrent_runs; ++i) {
    omp_set_num_threads(1);
    results[static_cast<std::size_t>(own_runs[static_cast<std::size_t>(i)])] =
        run_once(own_runs[static_cast<std::size_t>(i)], workspaces[static_cast<std::size_t>(omp_get_thread_num())]);
#pragma omp critical(community_runs_progress)
    progress.report("communities", static_cast<double>(++finished) / own);
  }
  for (int i = concurrent_runs; i < own; ++i) {
    progress.report("communities", static_cast<double>(i) / own);
    results[static_cast<std::size_t>(own_runs[static_cast<std::size_t>(i)])] =
        run_once(own_runs[static_cast<std::size_t>(i)], workspaces[0]);
  }
  if (process_group()) {
    std::vector<std::vector<std::uint8_t>> records(results.size());
    for (int run : own_runs) {
      const Run& r = results[static_cast<std::size_t>(run)];
      const std::uint64_t size = r.membership.size();
      auto& record = records[static_cast<std::size_t>(run)];
      append_bytes(record, &size, 1);
      append_bytes(record, r.membership.data(), r.membership.size());
      append_bytes(record, &r.score, 1);
      append_bytes(record, &r.codelength, 1);
    }
    share_replicates(records);
    for (std::size_t run = 0; run < results.size(); ++run) {
      Run& r = results[run];
      std::size_t at = 0;
      std::uint64_t size = 0;
      read_bytes(records[run], at, &size, 1);
      r.membership.resize(size);
      read_bytes(records[run], at, r.membership.data(), size);
      read_bytes(records[run], at, &r.score, 1);
      read_bytes(records[run], at, &r.codelength, 1);
    }
  }
  std::vector<Membership> runs;
  std::vector<double> scores, codelengths;
  for (Run& r : results) {
    runs.push_back(std::move(r.membership));
    scores.push_back(r.score);
    codelengths.push_back(r.codelength);
  }

  CommunityOutcome d;
  d.best_run = static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  d.membership = runs[d.best_run];
  d.community_count = canonical_relabel(d.membership);
  runs[d.best_run] = d.membership;
  d.codelength = codelengths[d.best_run];
  d.quality = request.method == Method::infomap ? (n ? modularity(symmetric, d.membership, gamma) : 0.0)
                                                : scores[d.best_run];
  if (n > 0) {
    d.modularity = modularity(symmetric, d.membership, gamma);
    d.directed_modularity = directed_modularity(directed, d.membership, gamma);
  }
  d.deterrence = std::move(deterrence);
  d.stats = community_stats(symmetric, d.membership);
  d.stability = stability_summary(runs, d.best_run);
  d.community_consensus = mean_by_community(d.membership, d.stability.consensus_share);
  d.community_consensus.resize(static_cast<std::size_t>(d.community_count), 1.0);
  d.seconds = omp_get_wtime() - start;
  progress.report("communities", 1.0);
  return d;
}

}  // namespace firmnet::community
