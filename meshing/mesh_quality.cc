#include "meshing/mesh_quality.h"

#include "core/input_error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <tuple>
#include <utility>

namespace spinefe {

namespace {

using Vec = std::array<double, 3>;

Vec sub(const Vec& a, const Vec& b) {
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}

double norm(const Vec& a) {
  return std::sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
}

Vec cross(const Vec& a, const Vec& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

double triangle_area(const Vec& a, const Vec& b, const Vec& c) {
  return 0.5 * norm(cross(sub(b, a), sub(c, a)));
}

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Minimum and 1st percentile (nearest rank: the ceil(n/100)-th smallest) of `values`.
std::pair<double, double> min_and_p01(std::vector<double> values) {
  if (values.empty())
    return {nan, nan};
  const std::size_t rank = (values.size() + 99) / 100; // ceil(n/100) >= 1
  std::nth_element(values.begin(), values.begin() + (rank - 1), values.end());
  const double p01 = values[rank - 1];
  return {*std::min_element(values.begin(), values.begin() + rank), p01};
}

} // namespace

double tet_sicn(const MeshData& mesh, const unsigned int t) {
  const auto& tet = mesh.tets[t];
  const Vec& p0 = mesh.nodes[tet[0]];
  // E: the edges from corner 0 as columns; W^-1: inverse of the edge matrix of the unit regular
  // tetrahedron (0,0,0), (1,0,0), (1/2,sqrt(3)/2,0), (1/2,sqrt(3)/6,sqrt(2/3)), upper triangular.
  // J = E W^-1 maps the regular tetrahedron onto the element.
  std::array<Vec, 3> e;
  for (unsigned int k = 0; k < 3; ++k)
    e[k] = sub(mesh.nodes[tet[k + 1]], p0);
  const double s3 = std::sqrt(3.0), s6 = std::sqrt(6.0);
  const double w_inv[3][3] = {{1, -1 / s3, -1 / s6}, {0, 2 / s3, -1 / s6}, {0, 0, std::sqrt(1.5)}};
  double j[3][3];
  for (unsigned int r = 0; r < 3; ++r)
    for (unsigned int c = 0; c < 3; ++c)
      j[r][c] = e[0][r] * w_inv[0][c] + e[1][r] * w_inv[1][c] + e[2][r] * w_inv[2][c];
  // J^-1 = adj(J) / det J, so 3 / (|J| |J^-1|) * sign(det J) = 3 det J / (|J| |cof J|): no
  // division by a vanishing determinant, and a flat element gives exactly 0.
  double cof[3][3], norm_j = 0, norm_cof = 0;
  for (unsigned int r = 0; r < 3; ++r)
    for (unsigned int c = 0; c < 3; ++c) {
      const unsigned int r1 = (r + 1) % 3, r2 = (r + 2) % 3, c1 = (c + 1) % 3, c2 = (c + 2) % 3;
      cof[r][c] = j[r1][c1] * j[r2][c2] - j[r1][c2] * j[r2][c1];
      norm_j += j[r][c] * j[r][c];
      norm_cof += cof[r][c] * cof[r][c];
    }
  const double det = j[0][0] * cof[0][0] + j[0][1] * cof[0][1] + j[0][2] * cof[0][2];
  const double denominator = std::sqrt(norm_j * norm_cof);
  return denominator > 0 ? 3 * det / denominator : 0.0;
}

double tet_gamma(const MeshData& mesh, const unsigned int t) {
  const auto& tet = mesh.tets[t];
  std::array<Vec, 4> p;
  for (unsigned int k = 0; k < 4; ++k)
    p[k] = mesh.nodes[tet[k]];
  const double volume = std::abs(signed_volume(mesh, t));
  const double area = triangle_area(p[0], p[1], p[2]) + triangle_area(p[0], p[1], p[3]) +
                      triangle_area(p[0], p[2], p[3]) + triangle_area(p[1], p[2], p[3]);
  // Products of opposite edge lengths; the circumradius is R = sqrt(P) / (24 V) with
  // P = (aA+bB+cC)(aA+bB-cC)(aA-bB+cC)(-aA+bB+cC) (Crelle's formula, as in gmsh), and the inradius
  // is r = 3 V / area. So gamma = 3 r / R = 216 V^2 / (area sqrt(P)).
  const double a = norm(sub(p[1], p[0])) * norm(sub(p[3], p[2]));
  const double b = norm(sub(p[2], p[0])) * norm(sub(p[3], p[1]));
  const double c = norm(sub(p[3], p[0])) * norm(sub(p[2], p[1]));
  const double product = (a + b + c) * (a + b - c) * (a - b + c) * (-a + b + c);
  if (!(volume > 0) || !(product > 0) || !(area > 0))
    return 0.0; // (nearly) flat: gmsh returns 0 too
  return 216 * volume * volume / (area * std::sqrt(product));
}

MeshQuality measure_quality(const MeshData& mesh) {
  MeshQuality q;
  q.n_tets = mesh.tets.size();
  q.n_nodes = mesh.nodes.size();
  const std::size_t n_regions = mesh.region_names.size();
  std::vector<std::vector<double>> sicn(n_regions), gamma(n_regions);
  std::vector<double> all_sicn, all_gamma, volume(n_regions, 0.0);
  all_sicn.reserve(q.n_tets);
  all_gamma.reserve(q.n_tets);
  for (unsigned int t = 0; t < mesh.tets.size(); ++t) {
    const unsigned int r = mesh.tet_region[t];
    const double v = signed_volume(mesh, t);
    if (v <= 0)
      ++q.n_inverted;
    volume[r] += std::abs(v);
    sicn[r].push_back(tet_sicn(mesh, t));
    gamma[r].push_back(tet_gamma(mesh, t));
    all_sicn.push_back(sicn[r].back());
    if (sicn[r].back() < MeshQuality::sicn_target)
      ++q.n_below_target;
    all_gamma.push_back(gamma[r].back());
  }
  std::tie(q.min_sicn, q.p01_sicn) = min_and_p01(std::move(all_sicn));
  std::tie(q.min_gamma, q.p01_gamma) = min_and_p01(std::move(all_gamma));
  for (std::size_t r = 0; r < n_regions; ++r) {
    RegionQuality rq;
    rq.region = mesh.region_names[r];
    rq.n_tets = sicn[r].size();
    rq.volume = volume[r];
    std::tie(rq.min_sicn, rq.p01_sicn) = min_and_p01(std::move(sicn[r]));
    std::tie(rq.min_gamma, rq.p01_gamma) = min_and_p01(std::move(gamma[r]));
    q.regions.push_back(rq);
  }
  return q;
}

void print_quality(const MeshQuality& q, std::ostream& out) {
  const std::string whole = "whole mesh";
  std::size_t name_width = whole.size();
  for (const auto& r : q.regions)
    name_width = std::max(name_width, r.region.size());
  const auto value = [](const double x) {
    std::ostringstream s;
    if (std::isnan(x))
      s << "-"; // empty region
    else
      s << std::fixed << std::setprecision(4) << x;
    return s.str();
  };
  const auto row = [&](const std::string& name, const std::string& tets, const std::string& vol,
                       const std::string& a, const std::string& b, const std::string& c,
                       const std::string& d) {
    out << std::left << std::setw(static_cast<int>(name_width)) << name << std::right
        << std::setw(12) << tets << std::setw(14) << vol << std::setw(11) << a << std::setw(11) << b
        << std::setw(11) << c << std::setw(11) << d << '\n';
  };
  const auto volume = [](const double v) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << v;
    return s.str();
  };
  row("region", "tets", "volume mm^3", "min SICN", "P1 SICN", "min gamma", "P1 gamma");
  for (const auto& r : q.regions)
    row(r.region, std::to_string(r.n_tets), volume(r.volume), value(r.min_sicn), value(r.p01_sicn),
        value(r.min_gamma), value(r.p01_gamma));
  double total = 0;
  for (const auto& r : q.regions)
    total += r.volume;
  row(whole, std::to_string(q.n_tets), volume(total), value(q.min_sicn), value(q.p01_sicn),
      value(q.min_gamma), value(q.p01_gamma));
  out << q.n_nodes << " nodes, " << q.n_inverted << " inverted tetrahedra, " << q.n_below_target
      << " tetrahedra below SICN " << MeshQuality::sicn_target << "\n";
}

void check_quality(const MeshData& mesh, const MeshQuality& q, const double min_sicn_threshold) {
  const bool inverted = q.n_inverted > 0;
  if (!inverted && !(q.min_sicn < min_sicn_threshold))
    return;
  // Report the worst offending element and how many there are, so the user can find the spot.
  unsigned int worst = 0;
  double worst_sicn = std::numeric_limits<double>::infinity();
  std::size_t n_failing = 0;
  for (unsigned int t = 0; t < mesh.tets.size(); ++t) {
    const double s = tet_sicn(mesh, t);
    const bool fails = inverted ? signed_volume(mesh, t) <= 0 : s < min_sicn_threshold;
    if (!fails)
      continue;
    ++n_failing;
    if (s < worst_sicn) {
      worst_sicn = s;
      worst = t;
    }
  }
  std::ostringstream msg;
  msg << "tetrahedron " << worst + 1 << " in region '" << mesh.region_names[mesh.tet_region[worst]]
      << "' ";
  if (inverted)
    msg << "is inverted (SICN " << worst_sicn << ", the minimum allowed is " << min_sicn_threshold
        << "); " << n_failing << " of " << q.n_tets
        << " tetrahedra are inverted (signed volume <= 0)";
  else
    msg << "has SICN " << worst_sicn << ", below the minimum allowed " << min_sicn_threshold << "; "
        << n_failing << " of " << q.n_tets
        << " tetrahedra are below it. Use smaller or smoother mesh sizes there, or lower the "
           "threshold";
  throw InputError(mesh.source, msg.str());
}

} // namespace spinefe
