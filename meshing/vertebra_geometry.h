// Solids of one vertebra: the body (outer envelope = cortical shell, with a cancellous core and
// two bony endplates inside it) and the posterior elements (pedicles, lateral masses, lamina,
// spinous process, transverse processes). The articular processes are added per facet joint
// (facet_joints.h) because each joint is shaped by two vertebrae.
//
// Posterior landmarks in the vertebra's inferior frame (x anterior, y left, z cranial):
//   posterior wall x_w = -depth/2; spinal canal x in [x_w - canal_depth, x_w], |y| < canal/2;
//   pedicle centre height z_p = 0.9 h - h_p/2 (pedicles arise from the upper body);
//   pedicle isthmus at x = x_w - canal_depth/2, |y| = canal/2 + w_p/2 (the pedicle's medial wall
//   bounds the canal); the pedicle axis converges anteromedially at the tabulated transverse
//   angle; lamina behind the canal; the screw entry point is where the pedicle axis leaves the
//   back of the lateral mass, 2.5 mm behind the lamina's posterior surface.
#pragma once

#include "meshing/anatomy_table.h"
#include "meshing/occ_tools.h"
#include "meshing/spine_layout.h"
#include "meshing/spine_model_spec.h"

#include <array>

namespace spinefe {

/// One pedicle's axis, the path of its screw, in global coordinates.
struct PedicleAxis {
  Vec3 entry;     ///< on the posterior surface of the lateral mass
  Vec3 direction; ///< unit, from the entry into the body
  double width = 0, height = 0;
};

struct PosteriorLandmarks {
  double wall_x = 0, pedicle_z = 0, isthmus_y = 0, lamina_x0 = 0, lamina_x1 = 0, entry_x = 0;
  double pedicle_angle = 0; ///< radians
  /// Local point on the pedicle axis at local x (side +1 left, -1 right).
  Vec3 axis_point(double x, int side) const;
  /// Local unit direction of the axis into the body.
  Vec3 axis_direction(int side) const;
};

PosteriorLandmarks posterior_landmarks(const LevelAnatomy& a, const TissueGeometry& t);

/// Frame of the spinous process: origin at the lamina midline, -x along the process towards its
/// tip (length spinous_length + lamina_thickness/2), z across its height (+-0.35 pedicle height).
Frame spinous_frame(const VertebraLayout& v, const TissueGeometry& t);

/// Frame of a transverse process: origin on the pedicle axis in the lateral mass, x towards the
/// tip (at x = transverse_reach), cross-section transverse_process_size square.
Frame transverse_frame(const VertebraLayout& v, const TissueGeometry& t, int side);
double transverse_reach(const LevelAnatomy& a);

OutlineShape superior_outline(const LevelAnatomy& a, const TissueGeometry& t);
OutlineShape inferior_outline(const LevelAnatomy& a, const TissueGeometry& t);

struct VertebraSolids {
  int body = -1; ///< outer envelope (what is not core or endplate is cortical shell)
  int core = -1; ///< cancellous bone
  int endplate_inferior = -1, endplate_superior = -1;
  occ_tools::Tags posterior; ///< fused posterior elements (articular processes added later)
  std::array<PedicleAxis, 2> pedicles; ///< left (+y), right (-y)
};

VertebraSolids build_vertebra(const VertebraLayout& v, const TissueGeometry& t);

/// Outer solids of one disc between the superior endplate of `lower` and the inferior endplate
/// of `upper`: the annulus envelope and the nucleus inside it (area fraction, shifted back).
struct DiscSolids {
  int envelope = -1, nucleus = -1;
};
DiscSolids build_disc(const VertebraLayout& upper, const VertebraLayout& lower,
                      const TissueGeometry& t);

} // namespace spinefe
