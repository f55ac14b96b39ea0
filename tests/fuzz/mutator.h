// Mutations of a reader's seed input, the kinds of damage real files suffer and the values that
// break parsers: truncation, flipped bytes, huge counts, negative and NaN numbers, duplicated and
// removed lines and sections, and chunks spliced in from another seed. Input `index` of a sweep
// is a pure function of (sweep seed, reader name, index), so any finding can be regenerated.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace spinefe::fuzz {

class Mutator {
public:
  /// The random stream of input `index` of `reader` in the sweep with seed `sweep_seed`.
  Mutator(std::uint64_t sweep_seed, const std::string& reader, std::uint64_t index);

  /// One to three stacked mutations of a seed picked from `seeds`.
  std::string mutate(const std::vector<std::string>& seeds);

private:
  std::size_t below(std::size_t n); ///< uniform in [0, n), 0 for n = 0
  void mutate_once(std::string& text, const std::vector<std::string>& seeds);

  void truncate(std::string& text);
  void flip_bytes(std::string& text);
  void overwrite_word(std::string& text); ///< binary counts: 4 or 8 bytes of 0xff, 0x7f.., 0x80..
  void replace_number(std::string& text); ///< huge, negative, zero, NaN, infinite
  void edit_lines(std::string& text);     ///< duplicate, remove or swap a run of lines
  void edit_section(std::string& text); ///< duplicate or remove a $Section / *KEYWORD / subsection
  void splice(std::string& text, const std::vector<std::string>& seeds);

  std::mt19937_64 random_;
};

} // namespace spinefe::fuzz
