#include "tests/fuzz/mutator.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace spinefe::fuzz {

namespace {

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : text)
    h = (h ^ c) * 1099511628211ull;
  return h;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size() - 1);
    lines.push_back(text.substr(start, end + 1 - start));
    start = end + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines)
    text += line;
  return text;
}

/// A line that opens a section in one of the formats read: gmsh "$Nodes", Abaqus "*NODE",
/// parameter files "subsection", study and case "set"/"vary" lines.
bool opens_section(const std::string& line) {
  const std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string::npos)
    return false;
  const std::string rest = line.substr(first);
  return (rest[0] == '$' && rest.rfind("$End", 0) != 0) || rest[0] == '*' ||
         rest.rfind("subsection", 0) == 0 || rest.rfind("vary", 0) == 0;
}

struct Span {
  std::size_t begin, end;
};

/// Every decimal number in `text` ("12", "-3.5e-2").
std::vector<Span> numbers_in(const std::string& text) {
  std::vector<Span> spans;
  std::size_t i = 0;
  const auto digit = [&](std::size_t k) {
    return k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]));
  };
  while (i < text.size()) {
    if (!digit(i)) {
      ++i;
      continue;
    }
    std::size_t begin = i > 0 && text[i - 1] == '-' ? i - 1 : i;
    while (digit(i) || (i < text.size() && (text[i] == '.' || text[i] == 'e' || text[i] == 'E')))
      ++i;
    spans.push_back({begin, i});
  }
  return spans;
}

const char* const nasty_numbers[] = {"4294967295",
                                     "4294967296",
                                     "18446744073709551615",
                                     "2147483648",
                                     "99999999999999999999999",
                                     "1e308",
                                     "1e400",
                                     "-1",
                                     "-2147483649",
                                     "0",
                                     "nan",
                                     "NaN",
                                     "-nan",
                                     "inf",
                                     "-inf",
                                     "1e-320",
                                     "",
                                     "0x10",
                                     "1.5",
                                     "-0"};

} // namespace

Mutator::Mutator(const std::uint64_t sweep_seed, const std::string& reader,
                 const std::uint64_t index)
    : random_(sweep_seed ^ fnv1a(reader) ^ (index * 0x9e3779b97f4a7c15ull)) {}

std::size_t Mutator::below(const std::size_t n) {
  return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
}

std::string Mutator::mutate(const std::vector<std::string>& seeds) {
  std::string text = seeds[below(seeds.size())];
  const std::size_t n = 1 + below(3);
  for (std::size_t k = 0; k < n; ++k)
    mutate_once(text, seeds);
  return text;
}

void Mutator::mutate_once(std::string& text, const std::vector<std::string>& seeds) {
  switch (below(9)) {
  case 0:
    return truncate(text);
  case 1:
  case 2:
    return flip_bytes(text);
  case 3:
    return overwrite_word(text);
  case 4:
  case 5:
    return replace_number(text);
  case 6:
    return edit_lines(text);
  case 7:
    return edit_section(text);
  default:
    return splice(text, seeds);
  }
}

void Mutator::truncate(std::string& text) {
  text.resize(below(text.size() + 1));
}

void Mutator::flip_bytes(std::string& text) {
  if (text.empty())
    return;
  const std::size_t n = 1 + below(8);
  for (std::size_t k = 0; k < n; ++k) {
    char& c = text[below(text.size())];
    c = below(2) ? static_cast<char>(c ^ (1 << below(8))) : static_cast<char>(below(256));
  }
}

void Mutator::overwrite_word(std::string& text) {
  const std::size_t width = below(2) ? 4 : 8;
  if (text.size() < width)
    return flip_bytes(text);
  const std::size_t at = below(text.size() - width + 1);
  const unsigned char fills[][2] = {{0xff, 0xff}, {0xff, 0x7f}, {0x00, 0x80}, {0x00, 0x00}};
  const auto& fill = fills[below(4)];
  for (std::size_t k = 0; k < width; ++k) // little endian: the last byte is the sign byte
    text[at + k] = static_cast<char>(k + 1 == width ? fill[1] : fill[0]);
}

void Mutator::replace_number(std::string& text) {
  const std::vector<Span> spans = numbers_in(text);
  if (spans.empty())
    return flip_bytes(text);
  const Span s = spans[below(spans.size())];
  const std::size_t choice = below(std::size(nasty_numbers) + 1);
  const std::string replacement = choice < std::size(nasty_numbers)
                                      ? nasty_numbers[choice]
                                      : "-" + text.substr(s.begin, s.end - s.begin);
  text.replace(s.begin, s.end - s.begin, replacement);
}

void Mutator::edit_lines(std::string& text) {
  std::vector<std::string> lines = split_lines(text);
  if (lines.empty())
    return;
  const std::size_t first = below(lines.size());
  const std::size_t last = std::min(lines.size(), first + 1 + below(4));
  const std::vector<std::string> run(lines.begin() + first, lines.begin() + last);
  switch (below(3)) {
  case 0: // duplicate
    lines.insert(lines.begin() + last, run.begin(), run.end());
    break;
  case 1: // remove
    lines.erase(lines.begin() + first, lines.begin() + last);
    break;
  default: // swap with another line
    std::swap(lines[first], lines[below(lines.size())]);
  }
  text = join(lines);
}

void Mutator::edit_section(std::string& text) {
  std::vector<std::string> lines = split_lines(text);
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (opens_section(lines[i]))
      starts.push_back(i);
  if (starts.empty())
    return edit_lines(text);
  const std::size_t k = below(starts.size());
  const std::size_t first = starts[k];
  const std::size_t last = k + 1 < starts.size() ? starts[k + 1] : lines.size();
  const std::vector<std::string> section(lines.begin() + first, lines.begin() + last);
  if (below(2))
    lines.insert(lines.begin() + last, section.begin(), section.end());
  else
    lines.erase(lines.begin() + first, lines.begin() + last);
  text = join(lines);
}

void Mutator::splice(std::string& text, const std::vector<std::string>& seeds) {
  const std::string& donor = seeds[below(seeds.size())];
  if (donor.empty())
    return;
  const std::size_t from = below(donor.size());
  const std::string chunk = donor.substr(from, 1 + below(256));
  text.insert(below(text.size() + 1), chunk);
}

} // namespace spinefe::fuzz
