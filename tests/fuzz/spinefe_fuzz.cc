// spinefe_fuzz: mutational fuzzing of every reader of user files (gmsh .msh and .geo, VTK .vtu,
// Abaqus .inp, case and study files, anatomy, material and ligament tables, and the study results
// database that `spinefe export` reads). Each reader gets
// mutated copies of its seed files; an input that crashes the reader, hangs it (time limit per
// input) or escapes as anything but a clear InputError is saved under the findings folder.
//
//   spinefe_fuzz [--reader NAME] [--inputs N] [--first I] [--seed S] [--time-limit SECONDS]
//                [--findings DIR] [--source-dir DIR] [--show-errors]
//
// Example (the long run of the README): nice build/tests/fuzz/spinefe_fuzz --inputs 100000 --seed 1
// --first I starts at input I, so a long run can be split into ranges run apart (input I is the
// same whichever range it is in).
// Exit status: 0 no findings, 1 findings, 2 bad command line.
#include "tests/fuzz/forked_sweep.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <string>

namespace {

struct Options {
  std::string reader = "all";
  std::string source_dir = SPINEFE_SOURCE_DIR;
  spinefe::fuzz::SweepOptions sweep;
};

Options parse(const int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--show-errors") {
      o.sweep.show_errors = true;
      --i;
      continue;
    }
    if (i + 1 == argc)
      throw std::invalid_argument("option '" + key + "' needs a value");
    const std::string value = argv[i + 1];
    if (key == "--reader")
      o.reader = value;
    else if (key == "--inputs")
      o.sweep.n_inputs = std::stol(value);
    else if (key == "--first")
      o.sweep.first = std::stol(value);
    else if (key == "--seed")
      o.sweep.seed = std::stoull(value);
    else if (key == "--time-limit")
      o.sweep.time_limit = std::stoul(value);
    else if (key == "--findings")
      o.sweep.findings = value;
    else if (key == "--source-dir")
      o.source_dir = value;
    else
      throw std::invalid_argument("unknown option '" + key + "'");
  }
  return o;
}

void print_counts(const std::string& name, const spinefe::fuzz::SweepCounts& c,
                  const double seconds) {
  std::cout << std::left << std::setw(15) << name << std::right << std::setw(8) << c.n_inputs()
            << " inputs: " << c.accepted << " accepted, " << c.input_errors << " clear errors, "
            << c.unclear << " unclear errors, " << c.foreign << " foreign exceptions, " << c.crashes
            << " crashes, " << c.hangs << " hangs; " << std::fixed << std::setprecision(1)
            << seconds << " s" << std::endl;
}

} // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    options = parse(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "spinefe_fuzz: " << e.what() << "\n";
    return 2;
  }
  long n_findings = 0;
  bool found_reader = false;
  for (const auto& target : spinefe::fuzz::fuzz_targets(options.source_dir)) {
    if (options.reader != "all" && options.reader != target.name)
      continue;
    found_reader = true;
    const auto seeds = spinefe::fuzz::load_seeds(target);
    if (seeds.empty()) {
      std::cerr << "spinefe_fuzz: no seed files for " << target.name << "\n";
      return 1;
    }
    const auto start = std::chrono::steady_clock::now();
    const auto counts = spinefe::fuzz::run_sweep(target, seeds, options.sweep);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    print_counts(target.name + " (" + std::to_string(seeds.size()) + " seeds)", counts,
                 elapsed.count());
    n_findings += counts.n_findings();
  }
  if (!found_reader) {
    std::cerr << "spinefe_fuzz: unknown reader '" << options.reader << "'\n";
    return 2;
  }
  return n_findings == 0 ? 0 : 1;
}
