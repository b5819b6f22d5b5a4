#include "app/config.hpp"

#include <cstdlib>
#include <stdexcept>

#include <toml++/toml.h>

namespace lvzhi::app {

ConfigFile::ConfigFile(int argc, char** argv) {
  const std::string flag = "--config";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == flag && i + 1 < argc) path_ = argv[i + 1];
    if (arg.rfind(flag + "=", 0) == 0) path_ = arg.substr(flag.size() + 1);
  }
  if (path_.empty()) {
    if (const char* env = std::getenv("LVZHI_CONFIG")) path_ = env;
  }
  if (path_.empty()) return;
  toml::table table;
  try {
    table = toml::parse_file(path_);
  } catch (const toml::parse_error& error) {
    throw std::runtime_error("cannot read config file " + path_ + ": " +
                             std::string(error.description()));
  }
  // Keys are flat (db = "…", port = 8080); each value is kept as its text for CLI11 to convert.
  for (const auto& [key, node] : table) {
    std::string& value = values_[std::string(key.str())];
    if (const auto* s = node.as_string()) {
      value = s->get();
    } else if (const auto* i = node.as_integer()) {
      value = std::to_string(i->get());
    } else if (const auto* b = node.as_boolean()) {
      value = b->get() ? "true" : "false";
    } else {
      throw std::runtime_error("config file " + path_ + ": unsupported value for " +
                               std::string(key.str()));
    }
  }
}

std::string ConfigFile::env_name(const std::string& key) {
  std::string name = "LVZHI_";
  for (char c : key) name.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(c)));
  return name;
}

std::string ConfigFile::lookup(const std::string& key) const {
  const auto it = values_.find(key);
  return it == values_.end() ? std::string() : it->second;
}

CLI::Option* ConfigFile::add_flag(CLI::App& app, const std::string& flag, bool& value,
                                  const std::string& key, const std::string& help) {
  if (lookup(key) == "true") value = true;
  return app.add_flag(flag, value, help)->envname(env_name(key));
}

}  // namespace lvzhi::app
