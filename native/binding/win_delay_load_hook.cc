// For win32-x64 builds with mingw-w64: compile this file into the addon and
// link the delay-import library made by
//   x86_64-w64-mingw32-dlltool -d node_modules/node-api-headers/def/node_api.def -y libnode-delay.a -D node.exe
// instead of a plain import library (-l). The addon then does not import
// node.exe at load time; on the first Node-API call, mingw-w64's
// __delayLoadHelper2 (libmingwex) asks this hook which module "node.exe" is,
// and the hook answers with the running executable (or libnode.dll), so the
// addon also loads in hosts not called node.exe (electron.exe, a renamed
// node.exe). Tested under wine (scripts/platforms/NOTES.md, section 4); CMakeLists.txt
// compiles it into the win32 addon.
// The same idea as node-gyp's src/win_delay_load_hook.cc (MSVC's /DELAYLOAD).
#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <delayimp.h>
#include <cstring>

static FARPROC WINAPI load_exe_hook(unsigned int event, PDelayLoadInfo info) {
  if (event != dliNotePreLoadLibrary || _stricmp(info->szDll, "node.exe") != 0) return nullptr;
  HMODULE module = GetModuleHandleA("libnode.dll");  // Node built as a DLL
  if (module == nullptr) module = GetModuleHandleA(nullptr);  // the running executable
  return reinterpret_cast<FARPROC>(module);
}

// delayimp.h declares it extern "C" (and, unlike MSVC's, not const).
PfnDliHook __pfnDliNotifyHook2 = load_exe_hook;
#endif
