// Progress reporting for long work. Library code calls report() at coarse steps; the CLI
// decides whether and how to show it (a bar on stderr when stderr is a terminal).
#pragma once
#include <functional>
#include <string_view>

namespace firmnet {

/// Receives (stage label, fraction done in [0,1]). A default-constructed Progress does nothing.
class Progress {
 public:
  using Callback = std::function<void(std::string_view stage, double fraction)>;
  Progress() = default;
  explicit Progress(Callback callback) : callback_(std::move(callback)) {}
  /// Passes (stage, fraction) to the callback, if any. O(1) plus the callback's cost.
  void report(std::string_view stage, double fraction) const {
    if (callback_) callback_(stage, fraction);
  }

 private:
  Callback callback_;
};

}  // namespace firmnet
