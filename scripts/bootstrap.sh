#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing (apt-get), configures a
# Release build, builds, and then either runs the default case or the whole test suite.
#
#   bash scripts/bootstrap.sh run     # install + build + run the default case
#   bash scripts/bootstrap.sh test    # install + build + run every test (what CI runs)
#   bash scripts/bootstrap.sh build   # install + build only
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
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release
  cmake --build "$build" -j "$jobs"
}

install_missing
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
    echo "usage: bash scripts/bootstrap.sh run|test|build" >&2
    exit 2
    ;;
esac
