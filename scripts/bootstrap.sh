#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing (apt-get), configures a
# Release build, builds, and then either runs the default case or the whole test suite.
#
#   bash scripts/bootstrap.sh run     # install + build + run the default case
#   bash scripts/bootstrap.sh test    # install + build + run every test (what CI runs)
#   bash scripts/bootstrap.sh build   # install + build only
#   bash scripts/bootstrap.sh sanitize  # install + AddressSanitizer/UBSan build in build-sanitize/,
#                                       # then the unit, verification, fail and mpi tests under it
set -euo pipefail

mode="${1:-run}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SPINEFE_BUILD_DIR:-$repo/build}"
jobs="$(nproc)"

# OpenMPI refuses to run as root unless told twice; CI and containers run as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# One OpenMP/BLAS thread per MPI rank: ranks are the unit of parallelism.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

packages=(
  cmake g++ make pkg-config git clang-format
  libdeal.ii-dev petsc-dev libgmsh-dev libeigen3-dev libvtk9-dev libhdf5-openmpi-dev
  libboost-all-dev libgtest-dev openmpi-bin calculix-ccx
  python3-numpy python3-h5py python3-matplotlib python3-vtk9 xvfb xauth
)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    echo "spinefe: all ${#packages[@]} Debian packages present"
    return
  fi
  echo "spinefe: installing ${missing[*]}"
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

build_project() {
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release "$@"
  cmake --build "$build" -j "$jobs"
}

# The sanitizer run: every finding is counted from the tests' own output (a finding also fails
# its test). MPI and its helper libraries keep some allocations until exit on purpose; the
# suppression files say which and why.
run_sanitized_tests() {
  local supp="$repo/tests/sanitizers"
  # The suppressions match the libraries on an allocation's stack, so the stacks must be whole:
  # OpenMPI's libraries have no frame pointers, and the fast unwinder stops at their first frame
  # (every MPI start-up allocation then looked like a leak of an unknown module). And OpenMPI
  # must not unload its MCA components at MPI_Finalize, or their frames have no module to match.
  export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=0:fast_unwind_on_malloc=0"
  export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0"
  export OMPI_MCA_mca_base_component_disable_dlclose=1
  export UBSAN_OPTIONS="suppressions=$supp/ubsan.supp:print_stacktrace=1:halt_on_error=1"
  cd "$build"
  local status=0
  ctest --output-on-failure -j "$jobs" --timeout 1800 -L "^(unit|verification|fail|mpi)$" || status=$?
  local findings
  findings=$(grep -cE "ERROR: (Address|Leak)Sanitizer|runtime error:" Testing/Temporary/LastTest.log || true)
  echo "spinefe: sanitizer findings: $findings (ctest status $status)"
  [[ $status -eq 0 && $findings -eq 0 ]]
}

# The sanitizer run symbolizes its reports (function, file and line) with llvm-symbolizer.
[[ "$mode" == sanitize ]] && packages+=(llvm)
install_missing
if [[ "$mode" == sanitize ]]; then
  build="${SPINEFE_BUILD_DIR:-$repo/build-sanitize}"
  # Only what the sanitized tests run: the program and the unit, verification and mpi tests.
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSPINEFE_SANITIZE=ON
  mapfile -t targets < <(cmake --build "$build" --target help |
    grep -oE "test_(unit|verification|mpi)_[A-Za-z0-9_]+" | sort -u)
  cmake --build "$build" -j "$jobs" --target spinefe "${targets[@]}"
  run_sanitized_tests
  exit
fi
build_project

case "$mode" in
  build) ;;
  run)
    cd "$repo"
    mpirun -np "${SPINEFE_NP:-$jobs}" "$build/spinefe" run cases/t10-l3-printed-body/case.prm \
      --output results/t10-l3-printed-body
    ;;
  test)
    cd "$build"
    ctest --output-on-failure -j "$jobs" --timeout 900
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh run|test|build|sanitize" >&2
    exit 2
    ;;
esac
