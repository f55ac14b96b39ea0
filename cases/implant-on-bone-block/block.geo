// A titanium endcap pressed onto a vertebral bone block: a 40 x 40 x 30 mm cancellous block with a
// 1 mm bony endplate on top, and a cylindrical titanium endcap (diameter 16 mm, height 10 mm)
// bonded to the endplate at its centre. Lengths in mm.
SetFactory("OpenCASCADE");
block = 40;  depth = 30;  endplate = 1.0;  radius = 8;  height = 10;
Box(1) = {-block/2, -block/2, 0, block, block, depth - endplate};
Box(2) = {-block/2, -block/2, depth - endplate, block, block, endplate};
Cylinder(3) = {0, 0, depth, 0, 0, height, radius};
BooleanFragments{ Volume{1, 2, 3}; Delete; }{}
e = 1e-3;
Physical Volume("cancellous") = Volume In BoundingBox{-block, -block, -e, block, block, depth - endplate + e};
Physical Volume("endplate") = Volume In BoundingBox{-block, -block, depth - endplate - e, block, block, depth + e};
Physical Volume("implant") = Volume In BoundingBox{-radius - e, -radius - e, depth - e, radius + e, radius + e, depth + height + e};
Physical Surface("bottom") = Surface In BoundingBox{-block, -block, -e, block, block, e};
Physical Surface("implant_top") = Surface In BoundingBox{-radius - e, -radius - e, depth + height - e, radius + e, radius + e, depth + height + e};
// Finer elements in and under the implant, where the interface stress is wanted.
Mesh.MeshSizeMax = 3.0;
Field[1] = Box;
Field[1].VIn = 1.0;  Field[1].VOut = 3.0;
Field[1].XMin = -radius - 3; Field[1].XMax = radius + 3;
Field[1].YMin = -radius - 3; Field[1].YMax = radius + 3;
Field[1].ZMin = depth - 5;   Field[1].ZMax = depth + height;
Field[1].Thickness = 4;
Background Field = 1;
Mesh.MeshSizeExtendFromBoundary = 0;
Mesh.MeshSizeFromPoints = 0;
