#include "meshing/abaqus_reader.h"

#include "core/input_error.h"
#include "meshing/mesh_compaction.h"

#include <boost/algorithm/string.hpp>

#include <fstream>
#include <map>
#include <set>

namespace spinefe {

namespace {

using boost::algorithm::to_upper_copy;
using boost::algorithm::trim_copy;

struct Line {
  unsigned int number;
  std::string text;
};

struct ElementBlock {
  std::string type, elset, location;
  std::vector<std::vector<std::size_t>> connectivity; // id, nodes...
};

struct SurfaceSpec {
  std::string name, location;
  std::vector<std::pair<std::string, int>> faces; // elset or element id, face number 1..4
};

/// Parsed keyword: name plus upper-cased options ("ELSET" -> "Top").
struct Keyword {
  std::string name;
  std::map<std::string, std::string> option;
};

Keyword parse_keyword(const std::string& text) {
  std::vector<std::string> parts;
  boost::split(parts, text.substr(1), boost::is_any_of(","));
  Keyword k;
  k.name = to_upper_copy(trim_copy(parts[0]));
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto eq = parts[i].find('=');
    const std::string key = to_upper_copy(trim_copy(parts[i].substr(0, eq)));
    k.option[key] = eq == std::string::npos ? "" : trim_copy(parts[i].substr(eq + 1));
  }
  return k;
}

std::vector<std::string> data_fields(const std::string& text) {
  std::vector<std::string> fields;
  boost::split(fields, text, boost::is_any_of(","));
  for (auto& f : fields)
    f = trim_copy(f);
  if (!fields.empty() && fields.back().empty())
    fields.pop_back(); // trailing comma: continuation
  return fields;
}

template <typename T>
T number(const std::string& field, const std::string& location) {
  try {
    std::size_t used = 0;
    T value;
    if constexpr (std::is_same_v<T, double>)
      value = std::stod(field, &used);
    else
      value = std::stoull(field, &used);
    if (used == field.size())
      return value;
  } catch (const std::exception&) {
  }
  throw InputError(location, std::string("expected ") +
                                 (std::is_same_v<T, double> ? "a number" : "an integer id") +
                                 ", found '" + field + "'");
}

int nodes_per_element(const std::string& type) {
  static const std::map<std::string, int> known = {
      {"C3D4", 4}, {"C3D4H", 4}, {"C3D10", 10}, {"C3D10H", 10}, {"C3D10M", 10}, {"C3D10I", 10},
      {"S3", 3},   {"S3R", 3},   {"CPS3", 3},   {"CPE3", 3},    {"STRI3", 3},   {"M3D3", 3},
      {"R3D3", 3}, {"S6", 6},    {"CPS6", 6},   {"CPE6", 6},    {"STRI65", 6},  {"M3D6", 6}};
  const auto it = known.find(type);
  return it == known.end() ? 0 : it->second;
}

class AbaqusParser {
public:
  explicit AbaqusParser(const std::string& file) : file_(file) {}

  MeshData parse() {
    read_lines();
    for (std::size_t i = 0; i < lines_.size();) {
      const Keyword k = parse_keyword(lines_[i].text);
      const std::string where = file_line(file_, lines_[i].number);
      const std::size_t end = block_end(i + 1);
      handle(k, where, i + 1, end);
      i = end;
    }
    return assemble();
  }

private:
  void read_lines() {
    std::ifstream in(file_);
    if (!in)
      throw InputError(file_, "mesh file not found or not readable");
    std::string text;
    for (unsigned int n = 1; std::getline(in, text); ++n) {
      text = trim_copy(text);
      if (text.empty() || boost::starts_with(text, "**"))
        continue;
      lines_.push_back({n, text});
    }
    if (lines_.empty() || lines_[0].text[0] != '*')
      throw InputError(lines_.empty() ? file_ : file_line(file_, lines_[0].number),
                       "not an Abaqus input file: expected a keyword line starting with '*'");
  }

  std::size_t block_end(std::size_t i) const {
    while (i < lines_.size() && lines_[i].text[0] != '*')
      ++i;
    return i;
  }

  std::string where(std::size_t i) const { return file_line(file_, lines_[i].number); }

  void handle(const Keyword& k, const std::string& location, std::size_t begin, std::size_t end) {
    if (k.name == "NODE")
      read_nodes(begin, end);
    else if (k.name == "ELEMENT")
      read_elements(k, location, begin, end);
    else if (k.name == "ELSET")
      read_elset(k, location, begin, end);
    else if (k.name == "SOLID SECTION")
      section_elsets_.push_back({require(k, "ELSET", location), location});
    else if (k.name == "SURFACE")
      read_surface(k, location, begin, end);
    else if (k.name == "INCLUDE")
      throw InputError(location, "*INCLUDE is not supported; merge the included file");
  }

  std::string require(const Keyword& k, const std::string& option, const std::string& location) {
    const auto it = k.option.find(option);
    if (it == k.option.end() || it->second.empty())
      throw InputError(location, "*" + k.name + " needs the option " + option + "=");
    return it->second;
  }

  void read_nodes(std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const auto f = data_fields(lines_[i].text);
      if (f.size() < 4)
        throw InputError(where(i), "a *NODE line needs 'id, x, y, z'");
      nodes_.emplace_back(number<std::size_t>(f[0], where(i)),
                          std::array<double, 3>{number<double>(f[1], where(i)),
                                                number<double>(f[2], where(i)),
                                                number<double>(f[3], where(i))});
    }
  }

  void read_elements(const Keyword& k, const std::string& location, std::size_t begin,
                     std::size_t end) {
    ElementBlock block;
    block.type = to_upper_copy(require(k, "TYPE", location));
    block.location = location;
    block.elset = k.option.count("ELSET") ? k.option.at("ELSET") : "";
    const int per = nodes_per_element(block.type);
    if (per == 0)
      throw InputError(location, "element type " + block.type +
                                     " is not supported; use C3D4 or C3D10 tetrahedra");
    std::vector<std::size_t> current;
    for (std::size_t i = begin; i < end; ++i) {
      for (const auto& f : data_fields(lines_[i].text))
        current.push_back(number<std::size_t>(f, where(i)));
      if (current.size() > static_cast<std::size_t>(per) + 1)
        throw InputError(where(i), "element " + std::to_string(current[0]) + " of type " +
                                       block.type + " needs " + std::to_string(per) +
                                       " nodes, found " + std::to_string(current.size() - 1));
      if (current.size() == static_cast<std::size_t>(per) + 1) {
        block.connectivity.push_back(current);
        if (!block.elset.empty())
          elsets_[block.elset].insert(current[0]);
        current.clear();
      }
    }
    if (!current.empty())
      throw InputError(location, "the last element of this block is incomplete");
    blocks_.push_back(std::move(block));
  }

  void read_elset(const Keyword& k, const std::string& location, std::size_t begin,
                  std::size_t end) {
    const std::string name = require(k, "ELSET", location);
    auto& set = elsets_[name];
    const bool generate = k.option.count("GENERATE") != 0;
    for (std::size_t i = begin; i < end; ++i) {
      const auto f = data_fields(lines_[i].text);
      if (generate) {
        if (f.size() < 2)
          throw InputError(where(i), "*ELSET, GENERATE needs 'first, last[, step]'");
        const auto step = f.size() > 2 ? number<std::size_t>(f[2], where(i)) : 1;
        for (auto e = number<std::size_t>(f[0], where(i)); e <= number<std::size_t>(f[1], where(i));
             e += std::max<std::size_t>(step, 1))
          set.insert(e);
        continue;
      }
      for (const auto& field : f) {
        if (!field.empty() && std::isdigit(static_cast<unsigned char>(field[0])))
          set.insert(number<std::size_t>(field, where(i)));
        else if (elsets_.count(field))
          set.insert(elsets_.at(field).begin(), elsets_.at(field).end());
        else
          throw InputError(where(i), "unknown element set '" + field + "'");
      }
    }
  }

  void read_surface(const Keyword& k, const std::string& location, std::size_t begin,
                    std::size_t end) {
    SurfaceSpec s;
    s.name = require(k, "NAME", location);
    s.location = location;
    if (k.option.count("TYPE") && to_upper_copy(k.option.at("TYPE")) != "ELEMENT")
      throw InputError(location, "only element-based surfaces (TYPE=ELEMENT) are supported");
    for (std::size_t i = begin; i < end; ++i) {
      const auto f = data_fields(lines_[i].text);
      const std::string face = f.size() > 1 ? to_upper_copy(f[1]) : "";
      if (f.size() != 2 || face.size() != 2 || face[0] != 'S' || face[1] < '1' || face[1] > '4')
        throw InputError(where(i), "a *SURFACE line needs 'element set or id, S1..S4'");
      s.faces.emplace_back(f[0], face[1] - '0');
    }
    surfaces_.push_back(std::move(s));
  }

  MeshData assemble();

  std::string file_;
  std::vector<Line> lines_;
  std::vector<std::pair<std::size_t, std::array<double, 3>>> nodes_;
  std::vector<ElementBlock> blocks_;
  std::map<std::string, std::set<std::size_t>> elsets_;
  std::vector<std::pair<std::string, std::string>> section_elsets_;
  std::vector<SurfaceSpec> surfaces_;
};

// Abaqus face numbering of tetrahedra (Abaqus Analysis User's Guide, "Solid elements"):
// S1 = (1,2,3), S2 = (1,4,2), S3 = (2,4,3), S4 = (3,4,1), 1-based corner numbers.
constexpr int tet_face_corners[4][3] = {{0, 1, 2}, {0, 3, 1}, {1, 3, 2}, {2, 3, 0}};

MeshData AbaqusParser::assemble() {
  MeshData mesh;
  mesh.source = file_;
  RawMesh raw(mesh);
  for (const auto& [id, x] : nodes_)
    raw.add_node(id, x);

  // Which elset names the region of each tetrahedron.
  std::map<std::size_t, std::string> region_of;
  std::map<std::size_t, std::array<std::size_t, 4>> tet_corners;
  for (const auto& [elset, location] : section_elsets_) {
    if (!elsets_.count(elset))
      throw InputError(location, "*SOLID SECTION refers to unknown element set '" + elset + "'");
    for (const std::size_t e : elsets_.at(elset))
      region_of.emplace(e, elset);
  }
  unsigned int unnamed_block = 0;
  for (const auto& block : blocks_) {
    const bool is_tet = block.type.rfind("C3D", 0) == 0;
    const std::string block_name =
        block.elset.empty() ? "element_block_" + std::to_string(++unnamed_block) : block.elset;
    for (const auto& c : block.connectivity) {
      if (is_tet) {
        tet_corners[c[0]] = {c[1], c[2], c[3], c[4]};
        if (section_elsets_.empty())
          region_of.emplace(c[0], block_name);
        if (c.size() == 11)
          raw.check_mid_nodes({c[1], c[2], c[3], c[4]}, {c[5], c[6], c[7], c[8], c[9], c[10]});
      } else if (!block.elset.empty()) {
        raw.add_triangle({c[1], c[2], c[3]}, mesh.add_surface(block.elset), block.location);
      }
    }
  }
  for (const auto& [id, corners] : tet_corners) {
    const auto it = region_of.find(id);
    if (it == region_of.end())
      throw InputError(file_, "element " + std::to_string(id) +
                                  " is in no *SOLID SECTION element set, so it has no region");
    raw.add_tet(id, corners, mesh.add_region(it->second));
  }
  for (const auto& s : surfaces_) {
    const unsigned int surface = mesh.add_surface(s.name);
    for (const auto& [set, face] : s.faces) {
      std::set<std::size_t> ids;
      if (elsets_.count(set))
        ids = elsets_.at(set);
      else
        ids.insert(number<std::size_t>(set, s.location));
      for (const std::size_t e : ids) {
        if (!tet_corners.count(e))
          throw InputError(s.location, "surface '" + s.name + "' refers to element " +
                                           std::to_string(e) + ", which is not a tetrahedron");
        const auto& c = tet_corners.at(e);
        const auto* f = tet_face_corners[face - 1];
        raw.add_triangle({c[f[0]], c[f[1]], c[f[2]]}, surface, s.location);
      }
    }
  }
  raw.finish();
  return mesh;
}

} // namespace

MeshData read_abaqus_file(const std::string& file) {
  return AbaqusParser(file).parse();
}

} // namespace spinefe
