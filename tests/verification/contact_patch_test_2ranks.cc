// Checks the contact patch test on 2 ranks: as contact_patch_test.cc (lambda_n / A = p at every
// pair to 1e-8, sum = p A, frictional pairs all stick), with the mesh partitioned so that pairs
// straddle the ranks (asserted: some pair has its two vertices owned by different ranks).
// MPI: 2
#include "tests/support/contact_patch.h"

namespace st = spinefe::testing;

TEST(ContactPatchTwoRanks, FrictionlessPressureIsUniform) {
  ASSERT_EQ(dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD), 2u) << "run with mpirun -np 2";
  st::check_contact_patch(st::frictionless_patch());
}

TEST(ContactPatchTwoRanks, FrictionalPairsStickWithUniformPressure) {
  ASSERT_EQ(dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD), 2u) << "run with mpirun -np 2";
  st::check_contact_patch(st::frictional_patch());
}
