#include "graph/string_index.hpp"

#include <algorithm>
#include <functional>

namespace firmnet {
namespace {
std::uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }
}  // namespace

std::uint32_t StringIndex::find(const StringList& list, std::string_view s) const {
  return find_hashed(list, s, hash_of(s));
}

void StringIndex::find_many(const StringList& list, std::span<const std::string_view> keys,
                            std::span<std::uint32_t> positions) const {
  constexpr std::size_t kGroup = 16;
  const std::size_t mask = slots_.empty() ? 0 : slots_.size() - 1;
  std::uint64_t hashes[kGroup] = {};
  for (std::size_t base = 0; base < keys.size(); base += kGroup) {
    const std::size_t count = std::min(kGroup, keys.size() - base);
    if (!slots_.empty()) {
      for (std::size_t i = 0; i < count; ++i) {
        hashes[i] = hash_of(keys[base + i]);
        __builtin_prefetch(&slots_[hashes[i] & mask]);
      }
      for (std::size_t i = 0; i < count; ++i)
        if (const Slot& slot = slots_[hashes[i] & mask]; slot.position != kAbsent) list.prefetch(slot.position);
      for (std::size_t i = 0; i < count; ++i)
        if (const Slot& slot = slots_[hashes[i] & mask]; slot.position != kAbsent)
          __builtin_prefetch(list.c_str(slot.position));
    }
    for (std::size_t i = 0; i < count; ++i) positions[base + i] = find_hashed(list, keys[base + i], hashes[i]);
  }
}

std::uint32_t StringIndex::find_hashed(const StringList& list, std::string_view s, std::uint64_t h) const {
  if (slots_.empty()) return kAbsent;
  const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.position == kAbsent) return kAbsent;
    if (slot.tag == tag && list[slot.position] == s) return slot.position;
  }
}

void StringIndex::insert(const StringList& list, std::string_view s, std::uint32_t position) {
  if (2 * (count_ + 1) > slots_.size()) grow(list);
  const std::uint64_t h = hash_of(s);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i].position != kAbsent) i = (i + 1) & mask;
  slots_[i] = {static_cast<std::uint32_t>(h >> 32), position};
  ++count_;
}

void StringIndex::grow(const StringList& list) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.position == kAbsent) continue;
    std::size_t i = hash_of(list[slot.position]) & mask;
    while (slots_[i].position != kAbsent) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

}  // namespace firmnet
