// Reading a user's mesh file in a child process. gmsh is C++ without bounds checks: some damaged
// files (an element naming a node tag far beyond the node block) make it dereference a bad
// pointer, and no exception handler catches a segmentation fault. A forked child reads the file
// and sends the mesh back through a pipe; if the child dies, the parent reports an InputError
// naming the file, and its own gmsh state is untouched by whatever the damaged file did.
#pragma once

#include "meshing/mesh_data.h"

#include <functional>
#include <string>

namespace spinefe {

/// Runs `read` in a forked child and returns its mesh. An InputError in the child is rethrown
/// as it was; any other failure of the child (an exception, a signal) becomes an InputError on
/// `file` saying what was `expected`. A `memory_allowance` > 0 (bytes beyond what the process
/// already maps) makes an absurd allocation fail at once: a damaged count in a 3 kB .msh made
/// gmsh fill 4 GB before it gave up.
MeshData read_in_child_process(const std::string& file, const std::string& expected,
                               std::size_t memory_allowance, const std::function<MeshData()>& read);

} // namespace spinefe
