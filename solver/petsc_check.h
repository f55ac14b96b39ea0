// Turns a PETSc error code into an exception, so a PETSc failure ends the run with a message.
#pragma once

#include <petscsys.h>

#include <stdexcept>
#include <string>

namespace spinefe {

inline void petsc_check(const PetscErrorCode ierr, const char* call) {
  if (ierr == 0)
    return;
  const char* text = nullptr;
  PetscErrorMessage(ierr, &text, nullptr);
  throw std::runtime_error(std::string("PETSc call ") + call + " failed: " + (text ? text : "?"));
}

} // namespace spinefe

#define SPINEFE_PETSC(call) ::spinefe::petsc_check((call), #call)
