// Sums of non-negative doubles whose bits do not depend on the order of the terms, so that a
// kernel may split its terms over threads and processes in any way and still give the same
// result (docs/MPI.md). Each term is rounded down to a multiple of 2^-F and added as an
// unsigned 128-bit integer; integer addition is associative, so any grouping gives the same
// total. F is the largest number of fraction bits for which a known bound on the total stays
// below 2^126: F = 126 - ceil(log2 bound). The rounding loses less than 2^-F per term, which for
// betweenness (bound k (n - 2)^2 for the squares, n < 2^32) is below 2^-30 absolute and usually
// far below a double's own rounding of the running sum.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace firmnet {

using FixedPoint = unsigned __int128;

/// The scale of fixed-point sums of non-negative terms whose total never exceeds a bound.
class FixedPointScale {
 public:
  /// Scale for totals up to bound (values below 1 count as 1). O(1).
  explicit FixedPointScale(double bound) {
    int exponent = 0;
    std::frexp(std::max(bound, 1.0), &exponent);  // bound < 2^exponent
    fraction_bits_ = 126 - exponent;
    to_high_ = std::ldexp(1.0, fraction_bits_ - 64);
    from_high_ = std::ldexp(1.0, 64 - fraction_bits_);
    from_low_ = std::ldexp(1.0, -fraction_bits_);
  }

  /// A term (>= 0, at most the bound) as a fixed-point number, rounded down. Two conversions
  /// of 64-bit halves, each exact: y = term 2^(F-64) < 2^62, high = floor(y), low = the rest
  /// times 2^64 (products with powers of two are exact). O(1).
  FixedPoint to_fixed(double term) const {
    const double y = term * to_high_;
    const auto high = static_cast<std::uint64_t>(y);
    const auto low = static_cast<std::uint64_t>((y - static_cast<double>(high)) * 0x1p64);
    return (static_cast<FixedPoint>(high) << 64) | low;
  }

  /// A fixed-point total as a double (its two halves converted and added, rounded). O(1).
  double to_double(FixedPoint total) const {
    const auto high = static_cast<std::uint64_t>(total >> 64);
    const auto low = static_cast<std::uint64_t>(total);
    return static_cast<double>(high) * from_high_ + static_cast<double>(low) * from_low_;
  }

  int fraction_bits() const { return fraction_bits_; }

 private:
  int fraction_bits_ = 0;
  double to_high_ = 0, from_high_ = 0, from_low_ = 0;  // 2^(F-64), 2^(64-F), 2^-F
};

}  // namespace firmnet
