// Stdout formatting for the CLI: aligned text tables and a small JSON writer.
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

/// Minimal streaming JSON writer producing valid, compact JSON (strings escaped, non-finite
/// numbers as null). Use: begin_object(); key("a"); value(1); end_object();
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
  JsonWriter& value(double v);
  JsonWriter& value(std::int64_t v);
  JsonWriter& value(std::uint64_t v);
  JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
  JsonWriter& value(bool v);
  JsonWriter& null();

 private:
  void separate();
  void write_string(std::string_view v);
  std::ostream& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

/// Formats a number compactly: integers without decimals, others with `digits` significant.
std::string format_number(double v, int digits = 4);
std::string format_count(std::uint64_t v);  // 1234567 -> "1,234,567"

}  // namespace firmnet::cli
