// firmnet command line (cli/command_line.cpp runs it).
#include "cli/command.hpp"

int main(int argc, char** argv) { return firmnet::cli::run_command_line(argc, argv); }
