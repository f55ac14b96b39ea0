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

} // namespace spinefe
