// Stdout formatting for the CLI: aligned text tables and compact numbers (JSON output:
// io/json_writer.hpp).
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace firmnet::cli {

/// A text table printed with aligned columns; numeric-looking cells are right-aligned.
/// Column widths count UTF-8 code points, with East Asian wide characters as two.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out, std::string_view indent = "  ") const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// Formats a number compactly: integers without decimals, others with `digits` significant.
std::string format_number(double v, int digits = 4);
std::string format_count(std::uint64_t v);  // 1234567 -> "1,234,567"

}  // namespace firmnet::cli
