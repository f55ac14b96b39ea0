// Checks the contact patch test on 1 rank: two stacked blocks in contact under a uniform pressure
// p carry it uniformly across the split interface, lambda_n / A = p at every pair and sum = p A to
// 1e-8 relative, frictionless (the blocks slide) and frictional (mu = 0.3, every pair sticks).
// tests/verification/contact_patch_test_2ranks.cc repeats it on 2 ranks.
#include "tests/support/contact_patch.h"

namespace st = spinefe::testing;

TEST(ContactPatch, FrictionlessPressureIsUniform) {
  st::check_contact_patch(st::frictionless_patch());
}

TEST(ContactPatch, FrictionalPairsStickWithUniformPressure) {
  st::check_contact_patch(st::frictional_patch());
}
