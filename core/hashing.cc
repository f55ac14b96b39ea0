#include "core/hashing.h"

#include <cstdint>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace spinefe {

std::string fnv1a_hex(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull; // FNV-1a 64-bit offset basis
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull; // FNV 64-bit prime
  }
  std::ostringstream out;
  out << std::hex << std::setw(16) << std::setfill('0') << h;
  return out.str();
}

std::string file_contents(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return in ? bytes.str() : std::string();
}

} // namespace spinefe
