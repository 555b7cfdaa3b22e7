// Column storage for node and edge attributes.
//
// Repetitive strings (industry, stage, region, park, ownership, extra text columns) are
// dictionary-encoded: one int32 code per row, -1 for missing, into a dictionary of distinct
// values. Unique strings (node id, name) live in a StringList, one contiguous byte buffer.
// Numbers are float64 with NaN for missing, or int64 with kMissingInt64 for missing.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace firmnet {

inline constexpr std::int32_t kMissingCode = -1;
inline constexpr std::int64_t kMissingInt64 = std::numeric_limits<std::int64_t>::min();

/// Transparent hash so that maps keyed by std::string can be probed with string_view.
/// O(length) per call.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// Compact list of strings: bytes of all strings, each followed by '\0', and start offsets.
class StringList {
 public:
  /// Appends s. Amortised O(length).
  void push_back(std::string_view s);
  /// String i without its terminator. O(1).
  std::string_view operator[](std::size_t i) const {
    return {bytes_.data() + starts_[i], starts_[i + 1] - starts_[i] - 1};
  }
  /// Starts loading what operator[](i) reads first, so that a batch of lookups overlaps its
  /// cache misses. O(1).
  void prefetch(std::size_t i) const { __builtin_prefetch(starts_.data() + i); }
  /// Null-terminated pointer to string i (for C APIs such as HDF5 variable-length writes). O(1).
  const char* c_str(std::size_t i) const { return bytes_.data() + starts_[i]; }
  /// Number of strings; whether there are none. O(1).
  std::size_t size() const { return starts_.size() - 1; }
  bool empty() const { return size() == 0; }
  /// Reserves room for count strings of total_bytes bytes in all. O(current size) when it
  /// reallocates, else O(1).
  void reserve(std::size_t count, std::size_t total_bytes);
  /// Bytes held, terminators included. O(1).
  std::size_t byte_size() const { return bytes_.size(); }

 private:
  std::vector<char> bytes_;
  std::vector<std::uint64_t> starts_{0};
};

/// Dictionary-encoded string column. value(i) is "" for a missing row.
struct StringColumn {
  std::vector<std::int32_t> codes;
  std::vector<std::string> dictionary;

  /// Rows; whether row i is missing; the value of row i. O(1) each.
  std::size_t size() const { return codes.size(); }
  bool missing(std::size_t i) const { return codes[i] < 0; }
  std::string_view value(std::size_t i) const {
    return codes[i] < 0 ? std::string_view{} : std::string_view{dictionary[codes[i]]};
  }
  /// Code of a dictionary value, or kMissingCode when the value never occurs. O(dictionary).
  std::int32_t code_of(std::string_view value) const;
};

/// Builds a StringColumn row by row; empty strings become missing.
class StringColumnBuilder {
 public:
  /// Appends a row (a new value joins the dictionary). O(length) expected.
  void push_back(std::string_view value);
  /// Appends a missing row. Amortised O(1).
  void push_missing() { column_.codes.push_back(kMissingCode); }
  /// Rows so far. O(1).
  std::size_t size() const { return column_.codes.size(); }
  /// The column; the builder's index is released. O(dictionary).
  StringColumn finish() &&;

 private:
  StringColumn column_;
  std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>> index_;
};

using Float64Column = std::vector<double>;
using Int64Column = std::vector<std::int64_t>;

/// A user column beyond the fixed schema, kept with its inferred type.
struct ExtraColumn {
  std::string name;
  std::variant<StringColumn, Float64Column, Int64Column> values;
  /// Rows. O(1).
  std::size_t size() const;
};

/// Narrows a text column to int64 when every present value is an integer, else to float64
/// when every present value is a finite number, else keeps it as text. O(rows + dictionary).
ExtraColumn infer_column_type(std::string name, StringColumn text);

/// Returns column[permutation[i]] for each i. O(rows).
ExtraColumn permute_column(const ExtraColumn& column, const std::vector<std::uint64_t>& permutation);

}  // namespace firmnet
