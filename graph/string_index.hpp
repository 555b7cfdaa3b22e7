// A flat open-addressing hash index from the strings of a StringList to their positions
// (linear probing, load at most 1/2). It stores no keys: each slot holds a 32-bit hash tag and
// a position, and a tag match is confirmed against the list itself, so an index of a million
// ids costs 8 bytes per slot instead of a node-based map's allocation per key, and a lookup
// touches one slot line and the matching string.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "graph/columns.hpp"

namespace firmnet {

class StringIndex {
 public:
  static constexpr std::uint32_t kAbsent = 0xffffffffu;

  /// Position of s in list, or kAbsent. Expected O(|s|); safe to call from several threads
  /// while nothing is inserted.
  std::uint32_t find(const StringList& list, std::string_view s) const;
  /// positions[i] = find(list, keys[i]) for every i, in groups whose memory loads (slot,
  /// offsets, bytes) are issued together, so their cache misses overlap. Expected O(total length).
  void find_many(const StringList& list, std::span<const std::string_view> keys, std::span<std::uint32_t> positions) const;
  /// Records list[position] (== s, not yet indexed). Amortised expected O(|s|).
  void insert(const StringList& list, std::string_view s, std::uint32_t position);
  /// Drops every entry and the memory. O(1).
  void clear() { *this = {}; }

 private:
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t position = kAbsent;
  };
  void grow(const StringList& list);
  std::uint32_t find_hashed(const StringList& list, std::string_view s, std::uint64_t hash) const;

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

}  // namespace firmnet
