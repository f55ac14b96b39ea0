// Reading a user's mesh file in a child process (core/child_process.h): a damaged .msh or .vtu
// can make gmsh or VTK crash, and the crash must end only the child.
#pragma once

#include "meshing/mesh_data.h"

#include <functional>
#include <string>

namespace spinefe {

/// Runs `read` in a forked child and returns its mesh (core/child_process.h for the errors). A
/// `memory_allowance` > 0 limits the child's memory: a damaged count in a 3 kB .msh made gmsh
/// fill 4 GB before it gave up. A `cpu_allowance` > 0 [s] limits its CPU time: a damaged .vtu
/// made VTK loop for ever.
MeshData read_in_child_process(const std::string& file, const std::string& expected,
                               std::size_t memory_allowance, unsigned int cpu_allowance,
                               const std::function<MeshData()>& read);

/// The memory a reader of `file` may take: 1 GB plus 64 bytes per byte of the file, many times
/// what gmsh or VTK needs for a mesh of that size.
std::size_t mesh_reader_memory_allowance(const std::string& file);

/// The CPU time [s] a reader of `file` may take: 600 s plus 1 s per 100 kB, many times what gmsh
/// or VTK needs (a 50 MB mesh reads in well under a minute); a damaged file that makes a library
/// loop ends as an InputError instead of a hang.
unsigned int mesh_reader_cpu_allowance(const std::string& file);

} // namespace spinefe
