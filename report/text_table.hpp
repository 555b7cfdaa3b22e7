// Text for people: aligned text tables and compact numbers, used by the renderer
// (report/render.hpp) and the command line (JSON output: io/json_writer.hpp).
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace firmnet::report {

/// A text table printed with aligned columns; numeric-looking cells are right-aligned.
/// Column widths count UTF-8 code points, with East Asian wide characters as two.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  /// Appends a row. O(1) amortised.
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  /// Prints the header, a rule and the rows. O(cells).
  void print(std::ostream& out, std::string_view indent = "  ") const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// Formats a number compactly: integers in full with thousands separators, others with
/// `digits` significant digits; non-finite as "-". O(1).
std::string format_number(double v, int digits = 4);
/// 1234567 -> "1,234,567". O(digits).
std::string format_count(std::uint64_t v);

}  // namespace firmnet::report
