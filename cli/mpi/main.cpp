// firmnet-mpi: the firmnet command line run by every rank of an MPI job (docs/MPI.md).
// Every rank runs the same subcommand on the same file. Analyses made of independent
// replicates (community runs, park-test null chains) split them over the ranks through the
// process group (graph/process_group.hpp); the graph-parallel analyses of the `distributed`
// subcommand split the graph itself (distributed/). Rank 0 alone prints and writes: the other
// ranks' stdout goes to /dev/null and their file writes are skipped (io/ asks writes_output()).
// A failure on any rank ends the whole job with MPI_Abort and that rank's exit code, so a
// rank left waiting in a collective cannot hang it; writes are atomic, so the file keeps its
// earlier content.
#include <mpi.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "cli/command.hpp"
#include "distributed/mpi_process_group.hpp"

int main(int argc, char** argv) {
  int provided = 0;
  // Only the main thread calls MPI; OpenMP threads inside a rank compute between calls.
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  const firmnet::distributed::MpiProcessGroup group(MPI_COMM_WORLD);
  firmnet::join_process_group(&group);
  if (group.rank() != 0 && !std::freopen("/dev/null", "w", stdout)) {
    std::cerr << "firmnet-mpi: rank " << group.rank() << " cannot silence its stdout\n";
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  const int code = firmnet::cli::run_command_line(argc, argv, [&](int failure) {
    std::cerr << ("firmnet-mpi: rank " + std::to_string(group.rank()) + " of " + std::to_string(group.size()) +
                  " failed; ending the job\n");
    std::fflush(nullptr);
    MPI_Abort(MPI_COMM_WORLD, failure);
  });
  std::fflush(nullptr);
  if (code != 0) MPI_Abort(MPI_COMM_WORLD, code);
  MPI_Finalize();
  return 0;
}
