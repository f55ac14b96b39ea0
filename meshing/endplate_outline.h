// The outline of a vertebral endplate in its own plane: an ellipse anteriorly and a flatter
// superellipse posteriorly, which gives the flat posterior wall of a real vertebral body.
// Local coordinates: x anterior, y left, centre of the width-by-depth bounding box at the origin.
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace spinefe {

using Vec2 = Eigen::Vector2d;

struct OutlineShape {
  double width = 0;              ///< left-right extent, mm
  double depth = 0;              ///< antero-posterior extent, mm
  double posterior_exponent = 3; ///< superellipse exponent of the posterior half (2 = ellipse)
};

/// `n` points, counter-clockwise seen from +z, starting anteriorly; `inset` > 0 moves every
/// point inward along the outline normal (a cortical shell of constant thickness).
std::vector<Vec2> outline_points(const OutlineShape& shape, double inset = 0, unsigned int n = 24);

/// Exact area of the outline, mm^2: half ellipse (pi a b / 2) plus half superellipse,
/// 2 a b Gamma(1 + 1/p)^2 / Gamma(1 + 2/p) (a = depth/2, b = width/2, p = posterior exponent).
double outline_area(const OutlineShape& shape);

/// Area-weighted centroid of a closed polygon, and its area (shoelace formula).
Vec2 polygon_centroid(const std::vector<Vec2>& polygon);
double polygon_area(const std::vector<Vec2>& polygon);

/// Smallest distance from `p` to the polygon's edges, positive inside, negative outside.
double signed_distance_inside(const std::vector<Vec2>& polygon, const Vec2& p);

} // namespace spinefe
