// Entry point of the API tests (each test is run as its own process by CTest; see
// server/tests/CMakeLists.txt, which passes the database choice as --env=NAME=VALUE arguments).
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);  // removes the --gtest_* arguments
  const std::string prefix = "--env=";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=', prefix.size());
    if (arg.rfind(prefix, 0) != 0 || eq == std::string::npos) {
      std::cerr << "lvzhi_api_tests: unknown argument " << arg << '\n';
      return 2;
    }
    setenv(arg.substr(prefix.size(), eq - prefix.size()).c_str(), arg.substr(eq + 1).c_str(), 1);
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const int result = RUN_ALL_TESTS();
  curl_global_cleanup();
  return result;
}
