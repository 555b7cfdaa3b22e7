// The source tree and the CLI binary of this build. The only test file compiled with these
// paths, so that the other test files compile the same in every clone (and ccache reuses them).
#include "test_support.hpp"

namespace firmnet::test {

std::string source_dir() { return FIRMNET_SOURCE_DIR; }
std::string firmnet_binary() { return FIRMNET_BINARY; }

}  // namespace firmnet::test
