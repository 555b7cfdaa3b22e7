#include "cli/command.hpp"

#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

namespace firmnet::cli {

std::vector<std::pair<int, SetupFunction>>& command_registry() {
  static std::vector<std::pair<int, SetupFunction>> registry;
  return registry;
}

CommandRegistration::CommandRegistration(int order, SetupFunction setup) {
  command_registry().emplace_back(order, std::move(setup));
}

std::vector<std::pair<CLI::App*, RunFunction>> configure_app(CLI::App& app, GlobalOptions& globals) {
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", FIRMNET_VERSION);
  app.add_option("--threads", globals.threads, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  app.add_option("--seed", globals.seed, "Seed for randomised methods (same seed + threads = same result)");
  app.add_flag("-q,--quiet", globals.quiet, "No progress or notes on stderr");
  app.add_flag("--json", globals.json, "Machine-readable JSON on stdout");
  app.add_flag("--verify", globals.verify,
               "Check each main kernel's outcome against its invariants with a separate, simple verifier");
  auto& registry = command_registry();
  std::stable_sort(registry.begin(), registry.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<CLI::App*, RunFunction>> commands;
  for (const auto& [order, setup] : registry) {
    RunFunction run = setup(app, globals);
    commands.emplace_back(app.get_subcommands([](CLI::App*) { return true; }).back(), std::move(run));
  }
  return commands;
}

int GlobalOptions::effective_threads() const { return threads > 0 ? threads : omp_get_max_threads(); }

Progress GlobalOptions::progress() const {
  if (quiet || !::isatty(STDERR_FILENO)) return {};
  // Redraws at most every 100 ms, and always at the end of a stage.
  struct State {
    std::string stage;
    std::chrono::steady_clock::time_point last{};
  };
  auto state = std::make_shared<State>();
  return Progress([state](std::string_view stage, double fraction) {
    const auto now = std::chrono::steady_clock::now();
    const bool done = fraction >= 1.0;
    if (stage == state->stage && !done && now - state->last < std::chrono::milliseconds(100)) return;
    if (stage != state->stage && !state->stage.empty()) std::fputc('\n', stderr);
    state->stage = std::string(stage);
    state->last = now;
    const int width = 30;
    const int filled = static_cast<int>(fraction * width + 0.5);
    std::fprintf(stderr, "\r%-24.*s [%.*s%*s] %3d%%", static_cast<int>(stage.size()), stage.data(), filled,
                 "##############################", width - filled, "", static_cast<int>(fraction * 100 + 0.5));
    if (done) {
      std::fputc('\n', stderr);
      state->stage.clear();
    }
    std::fflush(stderr);
  });
}

}  // namespace firmnet::cli
