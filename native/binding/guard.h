// No C++ exception may reach std::terminate: every entry point from JS runs
// its body through guard(), which turns whatever the body throws into a JS
// error — an allocation failure into a RangeError, anything else into an
// Error with the reason. (Napi::Errors pass through as they are.)
#pragma once

#include <napi.h>

#include <new>
#include <string>

namespace shallownet::binding {

template <typename Body>
Napi::Value guard(Napi::Env env, Body body) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, "a native allocation failed (out of memory); use smaller sizes or fewer examples per call");
  } catch (const std::exception& error) {
    throw Napi::Error::New(env, std::string("shallownet native error: ") + error.what());
  } catch (...) {
    throw Napi::Error::New(env, "shallownet native error: an unknown exception");
  }
}

// A module function (nativeInfo, setThreads, dgemmProbe) with its body guarded.
template <Napi::Value (*Function)(const Napi::CallbackInfo&)>
Napi::Value guarded(const Napi::CallbackInfo& info) {
  return guard(info.Env(), [&] { return Function(info); });
}

}  // namespace shallownet::binding
