// The environment for a process that should run OpenBLAS with the CPU's best
// kernels. This machine sets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE to keep
// older OpenBLAS builds safe; they must not change for the bench process
// itself, so peers (numpy, scikit-learn) and the best-kernels dgemm probe run
// in child processes with both unset, and their OpenBLAS picks its own kernels.

/** process.env without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, for a child process. */
export function bestKernelsEnv() {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}
