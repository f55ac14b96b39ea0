// Places the vertebrae and discs of the T10-L3 column from the anatomy table. The column is
// stacked from L3 upwards: each body has its tabulated height and sagittal wedge, each disc its
// height and wedge, so the sagittal posture follows from the wedging alone. The stack is then
// turned about the lateral axis so that the line through the T10 and L3 body centres is vertical
// (the usual in-vitro mounting), with the L3 inferior endplate centre at the origin.
#pragma once

#include "meshing/anatomy_table.h"
#include "meshing/spine_frame.h"

#include <string>
#include <vector>

namespace spinefe {

struct VertebraLayout {
  const LevelAnatomy* anatomy = nullptr;
  Frame inferior; ///< centre of the inferior endplate, z along its normal (cranial)
  Frame superior; ///< centre of the superior endplate
  Vec3 body_centre() const;
};

struct SpineLayout {
  std::vector<VertebraLayout> vertebrae; ///< cranial to caudal: T10 first
  std::vector<Frame> disc_mid;           ///< disc below vertebrae[i], at mid-height
  const VertebraLayout& vertebra(const std::string& name) const;
  unsigned int index(const std::string& name) const;
};

SpineLayout lay_out_spine(const AnatomyTable& table);

/// Sagittal angle between two endplate normals in degrees, positive = kyphotic (the cranial
/// normal leans anteriorly relative to the caudal one).
double sagittal_angle(const Frame& cranial, const Frame& caudal);

} // namespace spinefe
