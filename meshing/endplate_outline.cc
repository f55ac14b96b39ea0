#include "meshing/endplate_outline.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace spinefe {

namespace {

/// Point of the outline at parameter theta (0 = anterior midline), before any inset.
Vec2 outline_point(const OutlineShape& s, const double theta) {
  const double a = 0.5 * s.depth, b = 0.5 * s.width;
  const double c = std::cos(theta), si = std::sin(theta);
  if (c >= 0)
    return {a * c, b * si};
  // Superellipse |x/a|^p + |y/b|^p = 1 written with signed powers of cos and sin.
  const double e = 2.0 / s.posterior_exponent;
  return {-a * std::pow(-c, e), b * std::copysign(std::pow(std::abs(si), e), si)};
}

} // namespace

std::vector<Vec2> outline_points(const OutlineShape& shape, const double inset,
                                 const unsigned int n) {
  std::vector<Vec2> base(n);
  for (unsigned int i = 0; i < n; ++i)
    base[i] = outline_point(shape, 2 * M_PI * i / n);
  if (inset == 0)
    return base;
  std::vector<Vec2> result(n);
  for (unsigned int i = 0; i < n; ++i) {
    // Central-difference tangent; the inward normal of a counter-clockwise curve is (-ty, tx).
    const Vec2 t = (base[(i + 1) % n] - base[(i + n - 1) % n]).normalized();
    result[i] = base[i] + inset * Vec2(-t.y(), t.x());
  }
  return result;
}

double outline_area(const OutlineShape& s) {
  const double a = 0.5 * s.depth, b = 0.5 * s.width, p = s.posterior_exponent;
  const double g1 = std::tgamma(1 + 1 / p);
  return 0.5 * M_PI * a * b + 2 * a * b * g1 * g1 / std::tgamma(1 + 2 / p);
}

double polygon_area(const std::vector<Vec2>& poly) {
  double area = 0;
  for (std::size_t i = 0; i < poly.size(); ++i) {
    const Vec2& p = poly[i];
    const Vec2& q = poly[(i + 1) % poly.size()];
    area += p.x() * q.y() - q.x() * p.y();
  }
  return 0.5 * area;
}

Vec2 polygon_centroid(const std::vector<Vec2>& poly) {
  Vec2 c = Vec2::Zero();
  for (std::size_t i = 0; i < poly.size(); ++i) {
    const Vec2& p = poly[i];
    const Vec2& q = poly[(i + 1) % poly.size()];
    c += (p + q) * (p.x() * q.y() - q.x() * p.y());
  }
  return c / (6 * polygon_area(poly));
}

double signed_distance_inside(const std::vector<Vec2>& poly, const Vec2& p) {
  double distance = std::numeric_limits<double>::max();
  bool inside = false;
  for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const Vec2 &a = poly[j], &b = poly[i];
    const Vec2 ab = b - a;
    const double t = std::clamp((p - a).dot(ab) / ab.squaredNorm(), 0.0, 1.0);
    distance = std::min(distance, (a + t * ab - p).norm());
    // Even-odd ray crossing test along +x.
    if ((a.y() > p.y()) != (b.y() > p.y()) && p.x() < a.x() + (p.y() - a.y()) * ab.x() / ab.y())
      inside = !inside;
  }
  return inside ? distance : -distance;
}

} // namespace spinefe
