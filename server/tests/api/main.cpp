// Entry point of the API tests (each test is run as its own process by CTest; see
// server/tests/CMakeLists.txt).
#include <curl/curl.h>
#include <gtest/gtest.h>

int main(int argc, char** argv) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  ::testing::InitGoogleTest(&argc, argv);
  const int result = RUN_ALL_TESTS();
  curl_global_cleanup();
  return result;
}
