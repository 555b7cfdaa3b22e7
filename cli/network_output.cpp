#include "cli/network_output.hpp"

namespace firmnet::cli {

void add_output_flags(CLI::App* sub, OutputFlags& flags) {
  sub->add_flag("--force", flags.force,
                "Replace an existing output file that is not a firmnet network file (never an input file)");
  sub->add_flag("--replace", flags.replace,
                "Write over a firmnet network file holding results of another network, dropping them "
                "(results of the same network are always kept)");
}

}  // namespace firmnet::cli
