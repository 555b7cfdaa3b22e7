#include "distributed/mpi_support.hpp"

namespace firmnet::distributed {

std::uint64_t& bytes_sent_counter() {
  static std::uint64_t bytes = 0;
  return bytes;
}

}  // namespace firmnet::distributed
