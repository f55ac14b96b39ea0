// A quarter of a foam half-space for the Hertz-pressure first-yield test: x, y in [0, 12],
// z in [-12, 0] (mm), symmetry planes x = 0 and y = 0, refined around the loaded circle (radius
// 1 mm at the origin of the top face) where the first yield occurs.
SetFactory("OpenCASCADE");
L = 12;
Box(1) = {0, 0, -L, L, L, L};
e = 1e-3;
Physical Volume("foam") = {1};
Physical Surface("top") = Surface In BoundingBox{-e, -e, -e, L + e, L + e, e};
Physical Surface("bottom") = Surface In BoundingBox{-e, -e, -L - e, L + e, L + e, -L + e};
Physical Surface("sym_x") = Surface In BoundingBox{-e, -e, -L - e, e, L + e, e};
Physical Surface("sym_y") = Surface In BoundingBox{-e, -e, -L - e, L + e, e, e};
Field[1] = Ball;
Field[1].Radius = 1.5;  Field[1].Thickness = 3;
Field[1].VIn = 0.15;  Field[1].VOut = 3;
Field[1].XCenter = 0; Field[1].YCenter = 0; Field[1].ZCenter = 0;
Background Field = 1;
Mesh.MeshSizeExtendFromBoundary = 0;
Mesh.MeshSizeFromPoints = 0;
