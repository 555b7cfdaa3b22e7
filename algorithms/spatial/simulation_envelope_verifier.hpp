// Verifier of the local and global bands (simulation_envelope.hpp; Duranton & Overman 2005,
// section 4), written apart from the kernel: bands re-read by sorting each point's values, hits
// recounted one simulation at a time, and the next rank inwards tried.
// Complexity: O(S D log S) for S simulations and D points.
#pragma once
#include "algorithms/spatial/simulation_envelope.hpp"
#include "graph/verification.hpp"

namespace firmnet::spatial {

/// Checks of an envelope against its curves: band ordering (global outside local), each
/// global band the value of its rank at every point, the hits recounted one simulation at a
/// time, at most floor(alpha S) hits (unless rank 0), and the next rank inwards hit by more.
/// O(S d log S).
Verification verify_envelope(const std::vector<double>& curves, std::size_t simulations,
                             std::size_t points, double alpha, const Envelope& envelope);

}  // namespace firmnet::spatial
