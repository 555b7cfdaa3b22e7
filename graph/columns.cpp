#include "graph/columns.hpp"

#include <charconv>
#include <cmath>

namespace firmnet {

void StringList::push_back(std::string_view s) {
  bytes_.insert(bytes_.end(), s.begin(), s.end());
  bytes_.push_back('\0');
  starts_.push_back(bytes_.size());
}

void StringList::reserve(std::size_t count, std::size_t total_bytes) {
  starts_.reserve(count + 1);
  bytes_.reserve(total_bytes + count);
}

std::int32_t StringColumn::code_of(std::string_view value) const {
  for (std::size_t i = 0; i < dictionary.size(); ++i)
    if (dictionary[i] == value) return static_cast<std::int32_t>(i);
  return kMissingCode;
}

void StringColumnBuilder::push_back(std::string_view value) {
  if (value.empty()) {
    push_missing();
    return;
  }
  auto it = index_.find(value);
  if (it == index_.end()) {
    const auto code = static_cast<std::int32_t>(column_.dictionary.size());
    column_.dictionary.emplace_back(value);
    it = index_.emplace(std::string(value), code).first;
  }
  column_.codes.push_back(it->second);
}

StringColumn StringColumnBuilder::finish() && {
  index_.clear();
  return std::move(column_);
}

std::size_t ExtraColumn::size() const {
  return std::visit([](const auto& v) { return v.size(); }, values);
}

namespace {

bool parse_int64(std::string_view s, std::int64_t& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && ptr == s.data() + s.size();
}

bool parse_finite_double(std::string_view s, double& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && ptr == s.data() + s.size() && std::isfinite(out);
}

}  // namespace

ExtraColumn infer_column_type(std::string name, StringColumn text) {
  const auto& dict = text.dictionary;
  std::vector<std::int64_t> as_int(dict.size());
  bool all_int = !dict.empty();
  for (std::size_t i = 0; all_int && i < dict.size(); ++i) all_int = parse_int64(dict[i], as_int[i]);
  if (all_int) {
    Int64Column out(text.codes.size());
    for (std::size_t r = 0; r < out.size(); ++r)
      out[r] = text.codes[r] < 0 ? kMissingInt64 : as_int[text.codes[r]];
    return {std::move(name), std::move(out)};
  }
  std::vector<double> as_double(dict.size());
  bool all_double = !dict.empty();
  for (std::size_t i = 0; all_double && i < dict.size(); ++i)
    all_double = parse_finite_double(dict[i], as_double[i]);
  if (all_double) {
    Float64Column out(text.codes.size());
    for (std::size_t r = 0; r < out.size(); ++r)
      out[r] = text.codes[r] < 0 ? std::nan("") : as_double[text.codes[r]];
    return {std::move(name), std::move(out)};
  }
  return {std::move(name), std::move(text)};
}

ExtraColumn permute_column(const ExtraColumn& column, const std::vector<std::uint64_t>& permutation) {
  ExtraColumn out{column.name, {}};
  std::visit(
      [&](const auto& values) {
        using T = std::decay_t<decltype(values)>;
        if constexpr (std::is_same_v<T, StringColumn>) {
          StringColumn permuted;
          permuted.dictionary = values.dictionary;
          permuted.codes.resize(permutation.size());
          for (std::size_t i = 0; i < permutation.size(); ++i) permuted.codes[i] = values.codes[permutation[i]];
          out.values = std::move(permuted);
        } else {
          T permuted(permutation.size());
          for (std::size_t i = 0; i < permutation.size(); ++i) permuted[i] = values[permutation[i]];
          out.values = std::move(permuted);
        }
      },
      column.values);
  return out;
}

}  // namespace firmnet
