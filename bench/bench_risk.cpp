// Systemic-risk benchmark (docs/risk.md; docs/benchmarks.md). Generates a `scale` network
// (default 100,000 firms and 1,250,000 links, of which about 1,000,000 are supply links) and
// times the ESRI of every firm (--top 0) or of the top k by screening (--top K) on its supply
// layer, with the thread count of OMP_NUM_THREADS, under one essentiality table: by default
// inputs from the customer's own industry are essential and all others not (--linear: none
// essential; --all-essential: every input, the extreme under which a random network's
// sole-supplier groups percolate and every cascade reaches the whole network).
// Two economies:
//   closed (default): the network as generated: every firm's inputs come from inside it, its
//     revenue is the generator's (unrelated to its link volumes);
//   --open: firms also sell to final demand: each firm's revenue is its sales to firms divided
//     by a share u drawn uniformly in [0.3, 0.8] (so upstream losses are diluted, as with the
//     paper's revenue correction), and the essentiality table marks a share of the
//     (supplier industry, customer industry) pairs essential (--essential-share, default
//     0.17, the share of essential pairs in the IHS table the paper's authors use) and the
//     rest not, drawn per pair.
// --replaceable turns on the replaceability of lost suppliers within their industry.
// Reports wall and CPU time, cascades run, frontier pops, mean cascade size, the largest ESRI,
// and peak memory beside the graph's own arrays: the process's, and the ESRI phase's own (peak
// resident count restarted after the generator, Linux's /proc/self/clear_refs).
// --sample S times the cascades of S firms spread over the network only (a quick A/B).
// Usage: bench_risk [--firms N] [--links M] [--top K] [--tolerance T] [--linear | --all-essential]
//                   [--open] [--essential-share P] [--replaceable] [--sample S]
#include <omp.h>
#include <sys/resource.h>

#include <malloc.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "algorithms/risk/esri.hpp"
#include "bench_args.hpp"
#include "bench_timing.hpp"
#include "datasets/generators/scale.hpp"
#include "graph/industry_code.hpp"
#include "graph/random.hpp"

namespace {

double peak_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

// A line of /proc/self/status ("VmRSS", "VmHWM") in MiB.
double status_mib(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
  return std::nan("");
}

// Returns freed heap to the system and restarts the kernel's peak-resident count (VmHWM), so
// that the ESRI phase's peak is measured apart from the generator's.
void restart_peak() {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
}

template <typename T>
double mib_of(const std::vector<T>& v) {
  return static_cast<double>(v.capacity() * sizeof(T)) / (1024.0 * 1024.0);
}

// The graph's topology and edge columns (what load_network holds besides node attributes).
double graph_mib(const firmnet::Graph& g) {
  return mib_of(g.out_offsets) + mib_of(g.out_target) + mib_of(g.in_offsets) + mib_of(g.in_source) +
         mib_of(g.in_edge) + mib_of(g.edges.type) + mib_of(g.edges.weight) + mib_of(g.edges.year);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace firmnet;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  generators::ScaleParameters p;
  p.firms = 100'000;
  p.links = 1'250'000;
  risk::RiskRequest request;
  request.essentiality_source = "bench";
  std::string inputs = "own industry essential";
  bool open_economy = false;
  double essential_share = 0.17;
  std::size_t sample = 0;
  bool linear = false, all_essential = false;
  CLI::App app{"Systemic risk (ESRI) on a generated scale network's supply links"};
  app.add_option("--firms", p.firms, "Firms")->capture_default_str();
  app.add_option("--links", p.links, "Links")->capture_default_str();
  app.add_option("--top", request.top, "ESRI of the top-k firms by screening (0: every firm)")->capture_default_str();
  app.add_option("--tolerance", request.cascade.tolerance, "Cascade tolerance")->capture_default_str();
  auto* linear_flag = app.add_flag("--linear", linear, "No input essential");
  app.add_flag("--all-essential", all_essential, "Every input essential")->excludes(linear_flag);
  app.add_flag("--open", open_economy, "Open economy");
  app.add_option("--essential-share", essential_share, "Share of essential industry pairs")->capture_default_str();
  app.add_flag("--replaceable", request.cascade.replaceable, "Lost suppliers replaceable within their industry");
  app.add_option("--sample", sample, "Time the cascades of this many firms only (0: all)")->capture_default_str();
  firmnet::bench::parse_or_exit(app, argc, argv);
  if (linear) inputs = "none essential";
  if (all_essential) inputs = "all essential";
  const auto t_generate = std::chrono::steady_clock::now();
  auto net = generators::generate_scale(p);
  Graph& g = net.graph;
  const GraphView view(g, EdgeFilter::of_types({RelationType::supply}));
  std::uint64_t supply_links = 0;
  std::vector<double> sales_to_firms(g.node_count(), 0.0);
  for (NodeId u = 0; u < g.node_count(); ++u)
    view.for_out_edges(u, [&](NodeId, EdgeId, double w) {
      ++supply_links;
      sales_to_firms[u] += w;
    });
  std::uint64_t revenue_above_sales = 0;
  if (open_economy) {
    for (NodeId u = 0; u < g.node_count(); ++u) {
      Rng rng(derive_seed(p.seed ^ 0x0be4ec0ULL, u));
      g.nodes.revenue[u] = sales_to_firms[u] / (0.3 + 0.5 * rng.uniform());
    }
    inputs = "open economy, " + std::to_string(essential_share) + " of industry pairs essential";
    const std::vector<std::string>& codes = g.nodes.industry.dictionary;
    for (std::size_t a = 0; a < codes.size(); ++a)
      for (std::size_t b = 0; b < codes.size(); ++b) {
        Rng rng(derive_seed(p.seed ^ 0xe55e47ULL, a * codes.size() + b));
        request.table.rules.push_back({normalised_industry(codes[a]), normalised_industry(codes[b]),
                                       rng.uniform() < essential_share ? 1.0 : 0.0});
      }
  } else if (inputs == "own industry essential")
    for (const std::string& code : g.nodes.industry.dictionary)
      request.table.rules.push_back({normalised_industry(code), normalised_industry(code), 1.0});
  else
    request.table.rules.push_back({"", "", inputs == "all essential" ? 1.0 : 0.0});
  for (NodeId u = 0; u < g.node_count(); ++u)
    if (std::isfinite(g.nodes.revenue[u]) && g.nodes.revenue[u] > sales_to_firms[u]) ++revenue_above_sales;
  const double generate_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_generate).count();
  const double before_mib = peak_mib();
  std::printf("graph: scale generator, %u firms, %llu links (%llu supply) in %.1f s; graph arrays %.0f MiB, peak so far %.0f MiB\n",
              g.node_count(), static_cast<unsigned long long>(g.edge_count()),
              static_cast<unsigned long long>(supply_links), generate_s, graph_mib(g), before_mib);
  std::printf("revenue above sales to firms for %llu firms\n", static_cast<unsigned long long>(revenue_above_sales));
  std::printf("threads %d; inputs %s%s; tolerance %g; %s\n", omp_get_max_threads(), inputs.c_str(),
              request.cascade.replaceable ? ", replaceable suppliers" : "", request.cascade.tolerance,
              request.top ? ("top " + std::to_string(request.top) + " by screening").c_str() : "every firm");

  if (sample > 0) {
    // The kernel alone on every (n / sample)-th firm: a quick same-network A/B of cascade cost.
    const risk::ProductionNetwork network = risk::primary_network(view, request);
    std::vector<NodeId> firms;
    for (NodeId u = 0; u < g.node_count(); u += std::max<NodeId>(1, g.node_count() / static_cast<NodeId>(sample)))
      firms.push_back(u);
    std::uint64_t pops = 0;
    const double cpu0 = bench::cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<double> values = risk::esri_of(network, firms, request.cascade, nullptr, {}, &pops);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double largest = 0;
    for (const double v : values) largest = std::max(largest, v);
    std::printf("sample of %zu firms: %.2f s wall, %.2f s CPU; %llu frontier pops; largest ESRI %.4f\n", firms.size(),
                wall, bench::cpu_seconds() - cpu0, static_cast<unsigned long long>(pops), largest);
    return 0;
  }
  restart_peak();
  const double resident_before = status_mib("VmRSS");
  const double cpu0 = bench::cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  const risk::RiskOutcome outcome = risk::run_risk(view, request);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = bench::cpu_seconds() - cpu0;
  double size_sum = 0;
  std::uint64_t sized = 0;
  for (NodeId i = 0; i < g.node_count(); ++i)
    if (outcome.exact[i] && outcome.cascade_size[i] > 0) {
      size_sum += outcome.cascade_size[i];
      ++sized;
    }
  const NodeId riskiest = outcome.top.empty() ? 0 : outcome.top.front();
  std::printf("ESRI: %.1f s wall, %.1f s CPU; %llu cascades to the end, %llu screened; mean cascade %.1f firms; "
              "%llu frontier pops\n",
              wall, cpu, static_cast<unsigned long long>(outcome.full_cascades),
              static_cast<unsigned long long>(outcome.screened_cascades), sized ? size_sum / sized : 0.0,
              static_cast<unsigned long long>(outcome.frontier_pops));
  std::printf("riskiest: node %u, ESRI %.4f, output share %.6f\n", riskiest, outcome.esri[riskiest],
              outcome.output_share[riskiest]);
  const double phase_peak = status_mib("VmHWM");
  std::printf("peak memory %.0f MiB (graph arrays %.0f MiB; %.2fx)\n", peak_mib(), graph_mib(g), peak_mib() / graph_mib(g));
  std::printf("ESRI phase: resident %.0f MiB before (graph, node table, generator's leftovers), peak %.0f MiB: "
              "%.0f MiB added (%.2fx the graph arrays); peak / graph arrays %.2fx\n",
              resident_before, phase_peak, phase_peak - resident_before, (phase_peak - resident_before) / graph_mib(g),
              phase_peak / graph_mib(g));
  return 0;
}
