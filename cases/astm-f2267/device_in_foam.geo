// Virtual ASTM F2267 set-up: a cylindrical implant (endcap radius R, height H) between two
// polyurethane foam blocks (W x W x T each), the device centred on both. The foam grade is the
// case file's choice (grade 15 by the standard). Lengths in mm. The block size is this model's
// choice (the standard's fixture dimensions were not available): wide enough (W = 60 mm, about
// 2.4 endcap diameters) that the block edges barely change the stiffness.
SetFactory("OpenCASCADE");
R = 12.6;  H = 30;  W = 60;  T = 15;
Box(1) = {-W/2, -W/2, -T, W, W, T};
Cylinder(2) = {0, 0, 0, 0, 0, H, R};
Box(3) = {-W/2, -W/2, H, W, W, T};
BooleanFragments{ Volume{1, 2, 3}; Delete; }{}
e = 1e-3;
Physical Volume("foam_lower") = Volume In BoundingBox{-W, -W, -T - e, W, W, e};
Physical Volume("implant") = Volume In BoundingBox{-R - e, -R - e, -e, R + e, R + e, H + e};
Physical Volume("foam_upper") = Volume In BoundingBox{-W, -W, H - e, W, W, H + T + e};
Physical Surface("bottom") = Surface In BoundingBox{-W, -W, -T - e, W, W, -T + e};
Physical Surface("top") = Surface In BoundingBox{-W, -W, H + T - e, W, W, H + T + e};
// Fine elements at the endcap faces, where the foam crushes under the rim.
Mesh.MeshSizeMax = 6.0;
Field[1] = Cylinder;
Field[1].Radius = R + 4;  Field[1].VIn = 1.5;  Field[1].VOut = 6.0;
Field[1].XAxis = 0; Field[1].YAxis = 0; Field[1].ZAxis = H + 2 * 8;
Field[1].XCenter = 0; Field[1].YCenter = 0; Field[1].ZCenter = H / 2;
Field[2] = Box;
Field[2].VIn = 6.0; Field[2].VOut = 0;
Field[2].XMin = -W; Field[2].XMax = W; Field[2].YMin = -W; Field[2].YMax = W;
Field[2].ZMin = 6; Field[2].ZMax = H - 6;
Field[3] = Max;
Field[3].FieldsList = {1, 2};
Background Field = 3;
Mesh.MeshSizeExtendFromBoundary = 0;
Mesh.MeshSizeFromPoints = 0;
