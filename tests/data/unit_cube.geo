// A unit cube (mm) of one region "bone", with surfaces "bottom" (z = 0) and "top" (z = 1): the
// gmsh counterpart of unit_cube.inp. The unit_cube_v*.msh files are this script meshed by gmsh
// 4.8.4 (mesh size 1) and written as MSH 4.1 and 2.2, ASCII and binary; they are the
// seeds of the .msh fuzzing (tests/fuzz) and the sources of the damaged meshes in tests/fail.
SetFactory("OpenCASCADE");
Box(1) = {0, 0, 0, 1, 1, 1};
e = 1e-6;
Physical Volume("bone") = {1};
Physical Surface("bottom") = Surface In BoundingBox{-e, -e, -e, 1 + e, 1 + e, e};
Physical Surface("top") = Surface In BoundingBox{-e, -e, 1 - e, 1 + e, 1 + e, 1 + e};
MeshSize{ PointsOf{ Volume{1}; } } = 1;
