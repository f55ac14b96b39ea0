// Effective Young's modulus of a porous (lattice) implant from its porosity, for a 3D-printed
// vertebral body given by porosity instead of modulus (product.md, Implants).
//
// Gibson-Ashby scaling for open-cell, bending-dominated cellular solids (Gibson & Ashby, Cellular
// Solids, 2nd ed., Cambridge University Press 1997, ch. 5):
//   E = C * E_s * (rho / rho_s)^n = C * E_s * (1 - porosity)^n,   C ~ 1, n = 2,
// with E_s the modulus of the solid material [MPa] and porosity = 1 - rho / rho_s. The law holds
// for porosity in [0, 1); it is derived for low relative density (porosity above about 0.7) and is
// an extrapolation below that, reaching E_s at porosity 0 only when C = 1. Stretch-dominated
// lattices follow n = 1. Example: Ti6Al4V (E_s = 110000 MPa) at porosity 0.7 gives 9900 MPa.
//
// Admissible input: 0 <= porosity <= 0.95 (above 0.95, E < 0.25% of E_s: no longer a load-bearing
// implant), E_s > 0, C > 0, n > 0. Otherwise std::invalid_argument names the parameter and range.
#pragma once

namespace spinefe {

double gibson_ashby_modulus(double solid_modulus_mpa, double porosity, double C = 1.0,
                            double n = 2.0);

/// Peak strut stress of a lattice per unit of its homogenised (macroscopic) stress, for its
/// fatigue check against the solid alloy's fatigue limit. Open-cell, bending-dominated lattices
/// collapse plastically at sigma_pl = 0.3 sigma_ys (1 - porosity)^1.5 (Gibson & Ashby 1997,
/// Cellular Solids, eq. 5.25): the struts' outer fibres reach the solid's yield stress sigma_ys
/// when the lattice carries sigma_pl, so the strut stress is the homogenised stress times
///   sigma_ys / sigma_pl = 1 / (0.3 (1 - porosity)^1.5).
/// Example: porosity 0.835 (3 GPa on Ti6Al4V by the modulus law) gives 49.7. Derived for
/// porosity above about 0.7; an extrapolation below, which overstates the strut stress of a
/// nearly dense lattice (3.3 at porosity -> 0). A solid (porosity 0) is no lattice: 1.
/// Admissible: 0 <= porosity <= 0.95, else std::invalid_argument.
double lattice_strut_stress_factor(double porosity);

} // namespace spinefe
