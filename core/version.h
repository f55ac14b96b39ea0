// The spinefe version and the git commit it was built from (for provenance in every output).
#pragma once

namespace spinefe {
const char* version();
const char* git_hash();
} // namespace spinefe
