#pragma once
// Include before any Asio header. Boost 1.74's Asio turns co_await on for clang only with libc++'s
// <experimental/coroutine>; clang 14 on libstdc++ (clang-tidy in `make lint`, the fuzz toolchain)
// has C++20 coroutines too, and without this it would not parse our coroutines at all.
#include <utility>  // STACK_NOTES pitfall 1: Asio 1.74 under g++ 12 in C++20 misses std::exchange

#if defined(__clang__) && !defined(BOOST_ASIO_HAS_CO_AWAIT) && defined(__cpp_impl_coroutine)
#if __has_include(<coroutine>)
#define BOOST_ASIO_HAS_CO_AWAIT 1
#endif
#endif
