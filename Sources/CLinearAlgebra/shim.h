// OpenBLAS's CBLAS interface and the C interface to LAPACK. Debian builds
// OpenBLAS without LAPACKE, so both libraries are linked (module.modulemap).
#include <cblas.h>
#include <lapacke.h>

// Declared by OpenBLAS; repeated here so the shim does not depend on which
// cblas.h variant the system picked.
char *openblas_get_corename(void);
char *openblas_get_config(void);
void openblas_set_num_threads(int num_threads);
