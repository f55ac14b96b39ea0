#include "postprocess/zone_energy.h"

#include "core/input_error.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>

namespace spinefe {

using namespace dealii;

bool Cylinder::contains(const Point<3>& x) const {
  const Tensor<1, 3> d = x - axis_point;
  const double s = d * axis;
  if (s < s_min || s > s_max)
    return false;
  return (d - s * axis).norm_square() <= radius * radius;
}

namespace {

/// Barycentric test with a relative tolerance, so that a point on a shared edge of two
/// triangles is inside (the footprint has no cracks between its facets).
bool in_triangle(const Point<2>& p, const std::array<Point<2>, 3>& t) {
  const double d =
      (t[1][1] - t[2][1]) * (t[0][0] - t[2][0]) + (t[2][0] - t[1][0]) * (t[0][1] - t[2][1]);
  if (d == 0)
    return false; // a degenerate facet covers no area
  const double a =
      ((t[1][1] - t[2][1]) * (p[0] - t[2][0]) + (t[2][0] - t[1][0]) * (p[1] - t[2][1])) / d;
  const double b =
      ((t[2][1] - t[0][1]) * (p[0] - t[2][0]) + (t[0][0] - t[2][0]) * (p[1] - t[2][1])) / d;
  constexpr double slack = 1e-12;
  return a >= -slack && b >= -slack && 1 - a - b >= -slack;
}

/// Barycentric test of a tetrahedron, with the same relative slack as in_triangle.
bool in_tet(const Point<3>& p, const std::array<Point<3>, 4>& t) {
  Tensor<2, 3> m;
  for (unsigned int c = 0; c < 3; ++c)
    for (unsigned int d = 0; d < 3; ++d)
      m[d][c] = t[c + 1][d] - t[0][d];
  const double det = determinant(m);
  if (det == 0)
    return false; // a flat tetrahedron has no volume
  const Tensor<1, 3> b = invert(m) * (p - t[0]);
  constexpr double slack = 1e-12;
  return b[0] >= -slack && b[1] >= -slack && b[2] >= -slack && 1 - b[0] - b[1] - b[2] >= -slack;
}

/// Tetrahedra bucketed on a uniform grid of their bounding boxes: a point is tested against the
/// few tetrahedra of its cell only.
class TetGrid {
public:
  explicit TetGrid(std::vector<std::array<Point<3>, 4>> tets) : tets_(std::move(tets)) {
    lo_ = hi_ = tets_.front()[0];
    double edge = 0;
    for (const auto& t : tets_)
      for (const auto& x : t)
        for (unsigned int d = 0; d < 3; ++d) {
          lo_[d] = std::min(lo_[d], x[d]);
          hi_[d] = std::max(hi_[d], x[d]);
          edge = std::max(edge, std::abs(x[d] - t[0][d]));
        }
    // About one tetrahedron's extent per grid cell, at most 128 cells per direction.
    for (unsigned int d = 0; d < 3; ++d)
      n_[d] = std::clamp(static_cast<int>((hi_[d] - lo_[d]) / std::max(edge, 1e-12)), 1, 128);
    buckets_.resize(std::size_t(n_[0]) * n_[1] * n_[2]);
    for (unsigned int i = 0; i < tets_.size(); ++i) {
      std::array<int, 3> a{}, b{};
      for (unsigned int d = 0; d < 3; ++d) {
        double mn = tets_[i][0][d], mx = mn;
        for (const auto& x : tets_[i]) {
          mn = std::min(mn, x[d]);
          mx = std::max(mx, x[d]);
        }
        a[d] = index(mn, d);
        b[d] = index(mx, d);
      }
      for (int x = a[0]; x <= b[0]; ++x)
        for (int y = a[1]; y <= b[1]; ++y)
          for (int z = a[2]; z <= b[2]; ++z)
            buckets_[(std::size_t(z) * n_[1] + y) * n_[0] + x].push_back(i);
    }
  }
  bool contains(const Point<3>& p) const {
    for (unsigned int d = 0; d < 3; ++d)
      if (p[d] < lo_[d] || p[d] > hi_[d])
        return false;
    const auto& bucket =
        buckets_[(std::size_t(index(p[2], 2)) * n_[1] + index(p[1], 1)) * n_[0] + index(p[0], 0)];
    return std::any_of(bucket.begin(), bucket.end(),
                       [&](const unsigned int i) { return in_tet(p, tets_[i]); });
  }

private:
  int index(const double x, const unsigned int d) const {
    const double f = (x - lo_[d]) / std::max(hi_[d] - lo_[d], 1e-300);
    return std::clamp(static_cast<int>(f * n_[d]), 0, n_[d] - 1);
  }
  std::vector<std::array<Point<3>, 4>> tets_;
  Point<3> lo_, hi_;
  std::array<int, 3> n_{};
  std::vector<std::vector<unsigned int>> buckets_;
};

[[noreturn]] void bad_shape(const std::string& zone, const std::string& what) {
  throw InputError("stress shielding", "zone '" + zone + "': " + what);
}

} // namespace

bool FootprintPrism::contains(const Point<3>& x) const {
  const Tensor<1, 3> d = x - origin;
  const double s = d * normal;
  if (s < 0 || s > depth)
    return false;
  const Point<2> p(d * e1, d * e2);
  if (p.norm_square() > reach * reach)
    return false;
  return std::any_of(triangles.begin(), triangles.end(),
                     [&](const auto& t) { return in_triangle(p, t); });
}

ZoneShape tet_union_shape(const std::string& zone, std::vector<std::array<Point<3>, 4>> tets) {
  if (tets.empty())
    bad_shape(zone, "the volume has no tetrahedra");
  const auto grid = std::make_shared<const TetGrid>(std::move(tets));
  return [grid](const Point<3>& x) { return grid->contains(x); };
}

ZoneShape cylinder_shape(const std::string& zone, Cylinder c) {
  const double norm = c.axis.norm();
  if (!(norm > 0) || !(c.radius > 0) || !(c.s_min < c.s_max)) {
    std::ostringstream m;
    m << "a cylinder needs a non-zero axis, radius > 0 and s_min < s_max (got |axis| " << norm
      << ", radius " << c.radius << " mm, s " << c.s_min << " to " << c.s_max << " mm)";
    bad_shape(zone, m.str());
  }
  c.axis /= norm;
  return [c](const Point<3>& x) { return c.contains(x); };
}

FootprintPrism footprint_prism(const std::string& zone, const InterfaceFacets& facets,
                               const Point<3>& origin, const Tensor<1, 3>& normal,
                               const double depth) {
  if (facets.triangles.empty())
    bad_shape(zone, "the footprint '" + facets.name + "' has no facets");
  if (!(depth > 0) || !(normal.norm() > 0))
    bad_shape(zone, "a footprint prism needs a depth > 0 and a non-zero normal");
  FootprintPrism f;
  f.origin = origin;
  f.depth = depth;
  f.normal = normal / normal.norm();
  // Any in-plane unit vector: start from the global axis least aligned with the normal.
  Tensor<1, 3> seed;
  seed[std::abs(f.normal[0]) < 0.6 ? 0 : 1] = 1;
  f.e1 = seed - (seed * f.normal) * f.normal;
  f.e1 /= f.e1.norm();
  f.e2 = cross_product_3d(f.normal, f.e1);
  for (const auto& t : facets.triangles) {
    std::array<Point<2>, 3> flat;
    for (unsigned int v = 0; v < 3; ++v) {
      const Tensor<1, 3> d = t[v] - origin;
      flat[v] = Point<2>(d * f.e1, d * f.e2);
      f.reach = std::max(f.reach, flat[v].norm());
    }
    f.triangles.push_back(flat);
  }
  return f;
}

ZoneShape excluding(ZoneShape inside, std::vector<ZoneShape> holes) {
  return [inside = std::move(inside), holes = std::move(holes)](const Point<3>& x) {
    if (inside && !inside(x))
      return false;
    return std::none_of(holes.begin(), holes.end(), [&](const ZoneShape& h) { return h(x); });
  };
}

ZoneEnergy zone_mean_energy(const CellEnergyField& field, const EnergyZone& zone) {
  std::vector<bool> in_regions(field.region_names.size());
  for (std::size_t r = 0; r < in_regions.size(); ++r)
    in_regions[r] = zone.regions.count(field.region_names[r]) > 0;
  ZoneEnergy result{zone.name, 0, 0};
  double energy = 0;
  for (std::size_t c = 0; c < field.region.size(); ++c) {
    if (!in_regions[field.region[c]] || (zone.shape && !zone.shape(field.centroid[c])))
      continue;
    result.volume += field.volume[c];
    energy += field.volume[c] * field.sed[c];
  }
  if (!(result.volume > 0))
    throw InputError("stress shielding",
                     "zone '" + zone.name + "' contains no bone cell (no cell centroid of its " +
                         "regions lies inside it), so it has no mean strain energy density");
  result.mean_sed = energy / result.volume;
  return result;
}

double stress_shielding_index(const double sed_instrumented, const double sed_intact) {
  if (!(sed_intact > 0)) {
    std::ostringstream m;
    m << "the intact mean strain energy density must be > 0 for the stress shielding index (got "
      << sed_intact << " MPa)";
    throw InputError("stress shielding", m.str());
  }
  return 1 - sed_instrumented / sed_intact;
}

} // namespace spinefe
