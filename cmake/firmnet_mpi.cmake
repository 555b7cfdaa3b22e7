# firmnet-mpi, built with -DFIRMNET_MPI=ON (docs/MPI.md).
#
# Only distributed/ and cli/mpi/ are compiled here, against OpenMPI and the parallel HDF5
# headers (/usr/include/hdf5/openmpi); the library and the subcommands are the objects of the
# normal build, linked against the parallel HDF5 libraries instead of the serial ones. That is
# sound because Debian builds both flavours from the same HDF5 release (1.10.8): the public
# API, types and ABI are the same, the parallel build adds the MPI-IO driver (H5Pset_fapl_mpio)
# and is not thread-safe, so HDF5 calls must stay on one thread per rank, as in all of firmnet's
# io/ code. The serial HDF5 is found through h5cc, untouched by the parallel package, whose
# hdf5.pc alternative and h5pcc firmnet does not use.
find_package(MPI REQUIRED COMPONENTS C CXX)
set(FIRMNET_HDF5_PARALLEL_DIR /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/hdf5/openmpi)
find_path(FIRMNET_HDF5_PARALLEL_INCLUDE H5FDmpio.h PATHS /usr/include/hdf5/openmpi NO_DEFAULT_PATH)
find_library(FIRMNET_HDF5_PARALLEL_C hdf5 PATHS ${FIRMNET_HDF5_PARALLEL_DIR} NO_DEFAULT_PATH)
find_library(FIRMNET_HDF5_PARALLEL_CPP hdf5_cpp PATHS ${FIRMNET_HDF5_PARALLEL_DIR} NO_DEFAULT_PATH)
if(NOT FIRMNET_HDF5_PARALLEL_INCLUDE OR NOT FIRMNET_HDF5_PARALLEL_C OR NOT FIRMNET_HDF5_PARALLEL_CPP)
  message(FATAL_ERROR "firmnet: -DFIRMNET_MPI=ON needs Debian's libhdf5-openmpi-dev (scripts/install-deps.sh)")
endif()

file(GLOB FIRMNET_MPI_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/distributed/*.cpp ${CMAKE_SOURCE_DIR}/cli/mpi/*.cpp)
add_executable(firmnet-mpi ${FIRMNET_MPI_SOURCES} $<TARGET_OBJECTS:firmnet_cli>)
add_dependencies(firmnet-mpi firmnet_lib firmnet_cli)
# The parallel HDF5 headers come before the project's include path of the serial ones.
target_include_directories(firmnet-mpi BEFORE PRIVATE ${FIRMNET_HDF5_PARALLEL_INCLUDE})
target_include_directories(firmnet-mpi PRIVATE ${CMAKE_SOURCE_DIR})
target_compile_definitions(firmnet-mpi PRIVATE FIRMNET_VERSION="${PROJECT_VERSION}")
target_compile_options(firmnet-mpi PRIVATE -Wall -Wextra -Wno-restrict)
target_link_libraries(firmnet-mpi PRIVATE $<TARGET_FILE:firmnet_lib> ${FIRMNET_HDF5_PARALLEL_CPP} ${FIRMNET_HDF5_PARALLEL_C}
                      MPI::MPI_CXX OpenMP::OpenMP_CXX igraph::igraph Boost::boost CLI11::CLI11)

enable_testing()
add_subdirectory(${CMAKE_SOURCE_DIR}/tests/mpi ${CMAKE_BINARY_DIR}/tests/mpi)
