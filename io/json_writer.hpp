// JSON text for every producer in firmnet (CLI --json output, the node-link JSON export, the
// parameters_json attribute of stored results): one string escaping and one number spelling,
// plus a small streaming writer. RFC 8259.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace firmnet {

/// Appends text as a JSON string literal, quotes included: '"' and '\' backslash-escaped, LF,
/// CR and tab as \n \r \t, other control characters as \u00XX; UTF-8 passes through. O(length).
void append_json_string(std::string& out, std::string_view text);

/// Appends a number with 17 significant digits (reads back to the same double); non-finite
/// values, which JSON cannot spell, as null. O(1).
void append_json_number(std::string& out, double value);

/// Minimal streaming JSON writer producing valid, compact JSON (strings escaped, non-finite
/// numbers as null); a newline follows the outermost closing bracket.
/// Use: begin_object(); key("a"); value(1); end_object(); each call O(1) plus its text.
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
  std::string text_;  // scratch for escaped strings and numbers
};

}  // namespace firmnet
