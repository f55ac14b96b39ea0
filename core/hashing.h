// Content hashes for caches and provenance: FNV-1a 64-bit (Fowler-Noll-Vo), stable across
// platforms and runs, as 16 hex digits. Not cryptographic: it identifies inputs, it does not
// protect them.
#pragma once

#include <string>

namespace spinefe {

std::string fnv1a_hex(const std::string& text);

/// The bytes of `file`, or an empty string if it cannot be read.
std::string file_contents(const std::string& file);

} // namespace spinefe
