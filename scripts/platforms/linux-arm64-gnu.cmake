# CMake toolchain file: linux-arm64-gnu, cross-compiled on an x86-64 Debian/Ubuntu
# host with aarch64-linux-gnu-g++ (scripts/platforms/toolchains.sh linux-arm64-gnu).
# Used by `npm run prebuild -- --target linux-arm64-gnu` (the addon, through
# cmake-js) and by `npm run test:platforms` (the core tests). On an arm64 host
# (a CI runner) no toolchain file is needed: the native build is the same.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Test executables run under user-mode emulation, with the cross toolchain's
# sysroot as the dynamic loader's root.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-L;/usr/aarch64-linux-gnu)
