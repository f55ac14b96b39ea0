// Runs a reader on many mutated inputs in forked child processes, so that a crash (a signal) or
// a hang (the per-input time limit, by alarm) ends only the child. One child reads inputs one
// after another until it dies; the parent then records the input it was on and starts a new
// child at the next one. This keeps the cost per input close to an in-process call.
#pragma once

#include "tests/fuzz/fuzz_targets.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace spinefe::fuzz {

struct SweepOptions {
  std::uint64_t seed = 1;
  long first = 0;               ///< index of the first input: a long run can be split into ranges
  long n_inputs = 1000;         ///< inputs first .. first + n_inputs - 1
  unsigned int time_limit = 30; ///< seconds per input (generous: a loaded machine is slow)
  std::filesystem::path findings = "fuzz_findings";
  bool show_errors = false; ///< print every InputError message, to judge how clear they are
};

/// How the inputs of a sweep ended.
struct SweepCounts {
  long accepted = 0;     ///< read without error (a mutation may leave a valid file)
  long input_errors = 0; ///< a clear InputError: the wanted outcome for a damaged file
  long unclear = 0;      ///< another std::exception: no file, no position (a finding)
  long foreign = 0;      ///< an exception not derived from std::exception (a finding)
  long crashes = 0;      ///< the child died by a signal or exited on its own (a finding)
  long hangs = 0;        ///< the time limit was reached (a finding)
  long n_inputs() const { return accepted + input_errors + unclear + foreign + crashes + hangs; }
  long n_findings() const { return unclear + foreign + crashes + hangs; }
};

/// Input `index` of the sweep: seed `index` unchanged for the first ones, then a mutation of one
/// of `seeds`, reproducible from the options.
std::string sweep_input(const FuzzTarget& target, const std::vector<std::string>& seeds,
                        const SweepOptions& options, long index);

/// Reads `options.n_inputs` inputs, from index `options.first`, with `target.read`. Each finding is
/// saved under options.findings/<reader>/ and reported on stderr with the start of the input.
SweepCounts run_sweep(const FuzzTarget& target, const std::vector<std::string>& seeds,
                      const SweepOptions& options);

} // namespace spinefe::fuzz
