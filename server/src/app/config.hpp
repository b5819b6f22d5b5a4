#pragma once
// Option sources in order of precedence: command-line flag > LVZHI_* environment variable > TOML
// file
// (--config or LVZHI_CONFIG) > built-in default. The TOML values become CLI11 defaults before
// parsing, so CLI11 applies the first two itself.
#include <map>
#include <string>

#include <CLI/CLI.hpp>

namespace lvzhi::app {

class ConfigFile {
 public:
  // Finds --config FILE / --config=FILE in argv, else LVZHI_CONFIG; loads it (throws on a bad
  // file).
  ConfigFile(int argc, char** argv);

  // Adds an option whose default comes from the file's `key` (if present), with env var
  // LVZHI_<KEY>.
  template <class T>
  CLI::Option* add(CLI::App& app, const std::string& flag, T& value, const std::string& key,
                   const std::string& help) {
    auto* option = app.add_option(flag, value, help)->envname(env_name(key));
    if (const auto text = lookup(key); !text.empty()) option->default_val(text);
    return option->capture_default_str();
  }
  CLI::Option* add_flag(CLI::App& app, const std::string& flag, bool& value, const std::string& key,
                        const std::string& help);

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  static std::string env_name(const std::string& key);
  [[nodiscard]] std::string lookup(const std::string& key) const;  // "" when absent

  std::string path_;
  std::map<std::string, std::string> values_;  // top-level TOML keys, as text for CLI11 to convert
};

}  // namespace lvzhi::app
